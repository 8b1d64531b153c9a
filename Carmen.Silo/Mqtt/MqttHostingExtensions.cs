using Carmen.Api.Auth;
using Carmen.Api.Security;
using Carmen.Grains.Connectivity;
using Carmen.Silo.Mqtt.DeviceApi;
using Carmen.Silo.Mqtt.External;
using Carmen.Silo.Mqtt.Listener;
using Carmen.Silo.Mqtt.Protocol;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Carmen.Silo.Mqtt;

public static class MqttHostingExtensions
{
    /// <summary>
    /// The devices' way in: the embedded listener (started after the silo, since it creates its grain observer on
    /// start), or in External mode this silo's client of the external broker.
    /// </summary>
    public static WebApplicationBuilder AddCarmenMqtt(this WebApplicationBuilder builder)
    {
        IServiceCollection services = builder.Services;
        services.AddOptions<MqttOptions>().BindConfiguration(MqttOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TenantRateLimits>();
        services.AddSingleton<TenantMeters>();
        services.AddHostedService(provider => provider.GetRequiredService<TenantMeters>());
        services.AddSecurityEvents();
        services.AddSingleton<MqttCredentialRefusals>();
        services.AddSingleton<MessageRejections>();
        services.AddSingleton<DeviceSessions>();
        services.AddSingleton<TelemetryIntake>();
        services.AddSingleton<GatewayApiRouter>();
        services.AddSingleton<FirmwareChunks>();
        services.AddSingleton<CertificateRenewal>();
        services.AddSingleton<DeviceApiRouter>();
        if (IsExternal(builder.Configuration))
        {
            services.AddSingleton<ExternalBrokerBridge>();
            services.AddSingleton<IExternalBroker>(provider => provider.GetRequiredService<ExternalBrokerBridge>());
            services.AddHostedService(provider => provider.GetRequiredService<ExternalBrokerBridge>());
            return builder;
        }

        services.AddKeyedSingleton(MqttOptions.SectionName, (provider, _) =>
        {
            MqttOptions mqtt = provider.GetRequiredService<IOptions<MqttOptions>>().Value;
            return new FailureThrottle(mqtt.AuthFailureLimit, mqtt.AuthFailureWindow, mqtt.AuthBlockDuration, provider.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<DeviceConnectionGate>();
        services.AddSingleton<DevicePublishHandler>();
        services.AddSingleton<DeviceProvisioning>();
        services.AddSingleton<AddressConnectionLimits>();
        services.AddSingleton<MqttConnections>();
        services.AddSingleton<MqttConnectionFactory>();
        services.AddSingleton<MqttWebSocketListener>();
        services.AddSingleton<MqttListener>();
        services.AddHostedService(provider => provider.GetRequiredService<MqttListener>());
        services.AddSingleton<MqttTcpListener>();
        services.AddHostedService(provider => provider.GetRequiredService<MqttTcpListener>());
        services.AddHostedService<ConnectionSweeper>();
        return builder;
    }

    /// <summary>MQTT over WebSocket at Carmen:Mqtt:WebSocketPath on the HTTP port (subprotocol "mqtt").</summary>
    public static WebApplication MapCarmenMqttWebSockets(this WebApplication app)
    {
        MqttOptions options = app.Services.GetRequiredService<IOptions<MqttOptions>>().Value;
        if (options.Mode == MqttMode.External)
        {
            return app;
        }

        app.UseWebSockets();
        app.Map(options.WebSocketPath, async (HttpContext context, MqttWebSocketListener listener) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "MQTT over WebSocket: open a WebSocket with subprotocol \"mqtt\".");
            }

            string? subProtocol = MqttWebSocketListener.SubProtocolOf(context);
            using System.Net.WebSockets.WebSocket socket = await context.WebSockets.AcceptWebSocketAsync(subProtocol);
            await listener.RunAsync(socket, context);
            return Results.Empty;
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>Which services to register is decided at start-up, from the same section the options bind.</summary>
    private static bool IsExternal(ConfigurationManager configuration) =>
        configuration.GetSection(MqttOptions.SectionName).GetValue<MqttMode?>(nameof(MqttOptions.Mode)) == MqttMode.External;
}
