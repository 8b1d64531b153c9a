using Xunit;

namespace Carmen.Testing;

/// <summary>A test that runs the arm64 agent binary; skipped, saying why, only where it is not built or cannot run (CI builds and runs it).</summary>
public sealed class Arm64AgentFactAttribute : FactAttribute
{
    public Arm64AgentFactAttribute()
    {
        if (!Arm64Agent.Available)
        {
            Skip = Arm64Agent.NotAvailableMessage;
        }
    }
}
