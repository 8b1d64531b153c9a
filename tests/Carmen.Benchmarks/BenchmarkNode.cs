using Carmen.Silo.Hosting;
using Carmen.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Carmen.Benchmarks;

/// <summary>A Carmen silo with the embedded store, wired exactly as the product's, on private ports and a private data directory.</summary>
internal sealed class BenchmarkNode : IAsyncDisposable
{
    private readonly WebApplication _app;

    private BenchmarkNode(WebApplication app, string dataDirectory)
    {
        _app = app;
        DataDirectory = dataDirectory;
    }

    public string DataDirectory { get; }

    public IServiceProvider Services => _app.Services;

    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    public static async Task<BenchmarkNode> StartAsync()
    {
        string dataDirectory = Path.Combine(Path.GetTempPath(), "carmen-bench", Guid.NewGuid().ToString("N"));
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Carmen:DataDirectory"] = dataDirectory,
            ["Carmen:Http:Port"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Carmen:Metrics:Port"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Carmen:Orleans:SiloPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Carmen:Orleans:GatewayPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Carmen:Bootstrap:AdminPassword"] = "benchmark-password",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.AddCarmenSilo();
        WebApplication app = builder.Build();
        await app.StartAsync();
        return new BenchmarkNode(app, dataDirectory);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
