using Carmen.Api.Hosting;

namespace Carmen.Api;

/// <summary>
/// The API as a process of its own: an Orleans client of a cluster on PostgreSQL, serving the same endpoints a silo
/// serves. Not top-level statements, so the silo, which hosts this assembly's endpoints, keeps its own Program.
/// </summary>
public static class ApiProgram
{
    public static async Task Main(string[] args)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
        builder.AddCarmenClusterClient();
        builder.AddCarmenApi();
        builder.ListenWithMetrics(MetricsListener.ConfiguredUrls(builder.WebHost) ?? "http://localhost:5000");

        WebApplication app = builder.Build();
        app.MapCarmenApi();
        await app.RunAsync();
    }
}
