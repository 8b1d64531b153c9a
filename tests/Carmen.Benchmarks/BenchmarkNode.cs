using Carmen.Api.Hosting;
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

    private BenchmarkNode(WebApplication app, string dataDirectory, Uri address)
    {
        _app = app;
        DataDirectory = dataDirectory;
        Address = address;
    }

    public string DataDirectory { get; }

    /// <summary>Where the HTTP API listens, when the node was started with it.</summary>
    public Uri Address { get; }

    public IServiceProvider Services => _app.Services;

    public IGrainFactory Grains => _app.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Starts a node; <paramref name="settings"/> override the defaults (the PostgreSQL profile, for one).</summary>
    public static async Task<BenchmarkNode> StartAsync(bool withApi = false, IReadOnlyDictionary<string, string?>? settings = null)
    {
        string dataDirectory = Path.Combine(Path.GetTempPath(), "carmen-bench", Guid.NewGuid().ToString("N"));
        int httpPort = FreePorts.Next();
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Carmen:DataDirectory"] = dataDirectory,
            ["Carmen:Http:Port"] = httpPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Carmen:Metrics:Port"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Carmen:Orleans:SiloPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Carmen:Orleans:GatewayPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Carmen:Bootstrap:AdminPassword"] = "benchmark-password",
            ["Logging:LogLevel:Default"] = "Warning",
        });
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.AddCarmenSilo();
        builder.AddCarmenApi(); // the silo's MQTT listener reads firmware from the API's artifact store

        WebApplication app = builder.Build();
        if (withApi)
        {
            app.MapCarmenApi();
        }

        await app.StartAsync();
        return new BenchmarkNode(app, dataDirectory, new Uri($"http://127.0.0.1:{httpPort}"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(DataDirectory, recursive: true);
    }
}
