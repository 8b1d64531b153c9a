using Carmen.EdgeAgent.Attributes;
using Carmen.EdgeAgent.Certificates;
using Carmen.EdgeAgent.Configuration;
using Carmen.EdgeAgent.Connection;
using Carmen.EdgeAgent.Diagnostics;
using Carmen.EdgeAgent.Ingestion;
using Carmen.EdgeAgent.Ota;
using Carmen.EdgeAgent.Rpc;
using Carmen.EdgeAgent.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Carmen.EdgeAgent;

/// <summary>The agent's wiring: one host per device connection, built from validated options.</summary>
public static class AgentHost
{
    public static IHost Build(AgentOptions options, Action<ILoggingBuilder>? logging = null)
    {
        HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var recent = new RecentLog();
        builder.Logging.AddProvider(recent);
        if (logging is null)
        {
            // Under systemd (INVOCATION_ID is set) lines go to the journal with their priority; by hand, one line each.
            if (Environment.GetEnvironmentVariable("INVOCATION_ID") is not null)
            {
                builder.Logging.AddSystemdConsole();
            }
            else
            {
                builder.Logging.AddSimpleConsole(console => (console.SingleLine, console.TimestampFormat) = (true, "HH:mm:ss "));
            }
        }
        else
        {
            logging(builder.Logging);
        }

        builder.Services.AddSingleton(recent);
        builder.Services.AddSingleton(Options.Create(options));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<TelemetryInterval>();
        builder.Services.AddSingleton<TelemetryOutbox>();
        builder.Services.AddSingleton<InstallState>();

        // The connection first: the participants below attach their subscriptions to it while the host resolves
        // its services, before the connection's loop makes the first connect.
        builder.Services.AddSingleton<AgentConnection>();
        builder.Services.AddHostedService(services => services.GetRequiredService<AgentConnection>());
        builder.Services.AddSingleton<AttributeSync>();
        builder.Services.AddSingleton<CertificateLifecycle>();
        builder.Services.AddHostedService(services => services.GetRequiredService<CertificateLifecycle>());
        builder.Services.AddSingleton<RpcServer>();
        builder.Services.AddHostedService<ConnectionParticipants>();
        builder.Services.AddHostedService<TelemetrySampler>();
        builder.Services.AddHostedService<TelemetryForwarder>();
        builder.Services.AddSingleton<IngestionCounters>();
        if (OperatingSystem.IsLinux())
        {
            builder.Services.AddHostedService<SocketIngestion>();
        }

        builder.Services.AddHostedService<HttpIngestion>();

        builder.Services.AddSingleton(AgentHttp.Create(options));
        builder.Services.AddSingleton<ArtifactDownloader>();
        builder.Services.AddSingleton<Installer>();
        builder.Services.AddSingleton<DdiClient>();
        builder.Services.AddSingleton<DdiPoller>();
        if (options.Ddi.Enabled)
        {
            builder.Services.AddSingleton<UpdateFeedback, DdiUpdateFeedback>();
        }
        else
        {
            builder.Services.AddSingleton<UpdateFeedback, MqttUpdateFeedback>();
        }

        builder.Services.AddSingleton<UpdateRunner>();
        builder.Services.AddSingleton<RebootCheck>();
        builder.Services.AddHostedService<UpdateAgent>();
        return builder.Build();
    }
}
