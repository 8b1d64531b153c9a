using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Carmen.Api.Hosting;

public static class TelemetryExtensions
{
    /// <summary>Carmen's meter and activity source, as named in Carmen.Grains' diagnostics.</summary>
    public const string CarmenSource = "Carmen";

    /// <summary>
    /// Metrics and traces for Carmen, Orleans and ASP.NET Core; Prometheus text at /metrics always, OTLP export when
    /// OTEL_EXPORTER_OTLP_ENDPOINT is set (the standard OpenTelemetry variables configure it).
    /// </summary>
    public static IHostApplicationBuilder AddCarmenTelemetry(this IHostApplicationBuilder builder)
    {
        OpenTelemetryBuilder telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("carmen", serviceVersion: typeof(TelemetryExtensions).Assembly.GetName().Version?.ToString()))
            .WithMetrics(metrics => metrics
                .AddMeter(CarmenSource, "Microsoft.Orleans")
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter())
            .WithTracing(tracing => tracing
                .AddSource(CarmenSource, "Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddAspNetCoreInstrumentation(options => options.Filter = http => !http.Request.Path.StartsWithSegments("/health")));

        if (!string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_EXPORTER_OTLP_ENDPOINT")))
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }
}
