using Xunit;

namespace Carmen.Testing;

/// <summary>A test that drives Debian's mosquitto clients; skipped, saying why, only where they are not installed.</summary>
public sealed class MosquittoFactAttribute : FactAttribute
{
    public MosquittoFactAttribute()
    {
        if (!Mosquitto.ClientsInstalled)
        {
            Skip = Mosquitto.NotInstalledMessage;
        }
    }
}
