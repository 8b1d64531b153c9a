using Xunit;

namespace Carmen.Testing;

/// <summary>A theory that drives a script of tests/js with Node.js; skipped, saying why, only where Node.js or the packages are missing.</summary>
public sealed class NodeScriptTheoryAttribute : TheoryAttribute
{
    public NodeScriptTheoryAttribute()
    {
        if (!NodeScript.Installed)
        {
            Skip = NodeScript.NotInstalledMessage;
        }
    }
}
