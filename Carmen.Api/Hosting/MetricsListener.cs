using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Carmen.Api.Hosting;

/// <summary>
/// /metrics on its own listener (<see cref="MetricsOptions"/>): served only there, and nothing else is served there.
/// Which listener a request came through is told by the socket's local port, which a client cannot forge (a Host
/// header it can).
/// </summary>
public static class MetricsListener
{
    private const string Path = "/metrics";

    /// <summary>Listens on <paramref name="apiUrls"/> and on the metrics listener beside them.</summary>
    public static WebApplicationBuilder ListenWithMetrics(this WebApplicationBuilder builder, string apiUrls)
    {
        MetricsOptions metrics = builder.Configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>() ?? new();
        builder.WebHost.UseUrls(metrics.Port > 0 ? $"{apiUrls};http://{metrics.Address}:{metrics.Port}" : apiUrls);
        return builder;
    }

    /// <summary>
    /// The URLs the host was given (ASPNETCORE_URLS or --urls, else ASPNETCORE_HTTP_PORTS / HTTPS_PORTS, as the
    /// container images set them), which <see cref="ListenWithMetrics"/> must keep; null when none were given.
    /// </summary>
    public static string? ConfiguredUrls(IWebHostBuilder webHost)
    {
        if (webHost.GetSetting(WebHostDefaults.ServerUrlsKey) is { Length: > 0 } urls)
        {
            return urls;
        }

        IEnumerable<string> Ports(string key, string scheme) =>
            (webHost.GetSetting(key) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(port => $"{scheme}://*:{port}");
        string ports = string.Join(';', Ports(WebHostDefaults.HttpPortsKey, "http").Concat(Ports(WebHostDefaults.HttpsPortsKey, "https")));
        return ports.Length > 0 ? ports : null;
    }

    /// <summary>Serves the Prometheus text on the metrics port only, answering 404 there for anything else.</summary>
    public static WebApplication UseCarmenMetricsListener(this WebApplication app)
    {
        MetricsOptions metrics = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value;
        app.Use(async (context, next) =>
        {
            bool onMetricsPort = metrics.Port > 0 && context.Connection.LocalPort == metrics.Port;
            if (onMetricsPort && !context.Request.Path.Equals(Path, StringComparison.Ordinal))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }

            if (onMetricsPort && metrics.ScrapeToken is { Length: > 0 } token && !HasToken(context, token))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                return;
            }

            await next(context);
        });
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            metrics.Port > 0 && context.Connection.LocalPort == metrics.Port && context.Request.Path.Equals(Path, StringComparison.Ordinal));
        return app;
    }

    private static bool HasToken(HttpContext context, string token)
    {
        string authorization = context.Request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.Ordinal)
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(authorization[7..].Trim()), Encoding.UTF8.GetBytes(token));
    }
}
