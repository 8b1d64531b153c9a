using Carmen.Grains.Interfaces.Telemetry;
using Carmen.Grains.Telemetry;
using Carmen.Silo.Hosting;
using Carmen.Silo.Storage.Postgres;
using Carmen.Silo.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace Carmen.Silo.Telemetry;

public static class TelemetryHostingExtensions
{
    /// <summary>How often a pulling agent reads its queue: eight queues read 40 times a second, for a fleet view about 25 ms behind the flush.</summary>
    private static readonly TimeSpan s_telemetryStreamPollInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>
    /// How long a delivered batch stays in a pulling agent's cache: Orleans keeps 5 to 30 minutes by default, for
    /// subscribers that rewind, which implicit subscribers never do; at 300,000 points a second that held gigabytes.
    /// </summary>
    private static readonly TimeSpan s_telemetryStreamCacheTime = TimeSpan.FromSeconds(10);

    /// <summary>
    /// History (telemetry.db beside the embedded store, or PostgreSQL), the fan-out with the tenant streams it feeds, and retention. Registered before
    /// the MQTT listener, so at shutdown the listener stops first and the fan-out then drains what was accepted.
    /// </summary>
    public static WebApplicationBuilder AddCarmenTelemetry(this WebApplicationBuilder builder, CarmenOptions carmen)
    {
        IServiceCollection services = builder.Services;
        services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        if (carmen.Storage == StorageKind.Postgres)
        {
            services.AddSingleton<ITelemetryHistory, PostgresTelemetryHistory>();
        }
        else
        {
            services.AddKeyedSingleton(SqliteTelemetryHistory.FileName, (provider, _) => new SqliteDatabase(
                carmen.DataDirectory, SqliteTelemetryHistory.FileName, SqliteSchema.TelemetryMigrations,
                provider.GetRequiredService<IOptions<SqliteOptions>>(), provider.GetRequiredService<ILogger<SqliteDatabase>>()));
            services.AddSingleton<ITelemetryHistory>(provider => new SqliteTelemetryHistory(provider.GetRequiredKeyedService<SqliteDatabase>(SqliteTelemetryHistory.FileName)));
        }

        services.AddSingleton<TelemetryStreamHandOff>();
        services.AddSingleton<TelemetryFanout>();
        services.AddSingleton<ITelemetrySink>(provider => provider.GetRequiredService<TelemetryFanout>());
        services.AddHostedService(provider => provider.GetRequiredService<TelemetryFanout>());
        services.AddHostedService<TelemetryRetention>();
        services.AddOptions<FleetMetricsOptions>().BindConfiguration(FleetMetricsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<FleetMetricsExporter>();
        return builder;
    }

    /// <summary>
    /// The telemetry streams: in-memory queues (the items are batches, so their per-item cost is paid per flush),
    /// implicit subscriptions only (no pub-sub state to store), and streams never retired for inactivity: with the
    /// default 30 minutes, the first batch after a quiet half hour could be lost while the stream is re-created.
    /// The pulling agents look at their queues every <see cref="s_telemetryStreamPollInterval"/> rather than the default
    /// 100 ms, which would add up to 100 ms to what the fleet view shows after a flush, and keep what they delivered
    /// for <see cref="s_telemetryStreamCacheTime"/>, not minutes.
    /// </summary>
    public static ISiloBuilder AddCarmenTelemetryStreams(this ISiloBuilder silo) =>
        silo.AddMemoryStreams(TelemetryBatch.StreamProvider, streams =>
        {
            streams.ConfigureStreamPubSub(Orleans.Streams.StreamPubSubType.ImplicitOnly);
            streams.ConfigurePullingAgent(agent => agent.Configure(options =>
            {
                options.StreamInactivityPeriod = TimeSpan.FromDays(365);
                options.GetQueueMsgsTimerPeriod = s_telemetryStreamPollInterval;
            }));
            streams.ConfigureCacheEviction(eviction => eviction.Configure(options =>
            {
                options.DataMinTimeInCache = s_telemetryStreamCacheTime;
                options.DataMaxAgeInCache = s_telemetryStreamCacheTime * 2;
            }));
        });
}
