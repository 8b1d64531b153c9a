using Xunit;

namespace Carmen.Testing;

/// <summary>A test that needs a real PostgreSQL server; skipped, saying why, only where the server binaries are absent.</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (!PostgresServer.IsInstalled)
        {
            Skip = PostgresServer.NotInstalledMessage;
        }
    }
}
