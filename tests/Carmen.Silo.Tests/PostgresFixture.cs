using Carmen.Testing;

namespace Carmen.Silo.Tests;

/// <summary>One PostgreSQL server for a test class; each test takes a database of its own.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private PostgresServer? _server;

    public PostgresServer Server => _server ?? throw new InvalidOperationException(PostgresServer.NotInstalledMessage);

    public async Task InitializeAsync()
    {
        if (PostgresServer.IsInstalled)
        {
            _server = await PostgresServer.StartAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
