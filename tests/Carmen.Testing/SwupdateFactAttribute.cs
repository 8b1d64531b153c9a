using Xunit;

namespace Carmen.Testing;

/// <summary>A test that drives Debian's swupdate; skipped, saying why, only where it is not installed.</summary>
public sealed class SwupdateFactAttribute : FactAttribute
{
    public SwupdateFactAttribute()
    {
        if (!Swupdate.Installed)
        {
            Skip = Swupdate.NotInstalledMessage;
        }
    }
}
