using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MQTTnet.AspNetCore;

namespace Carmen.Silo.Mqtt;

public static class MqttHostingExtensions
{
    /// <summary>The device listener: started after the silo, since it creates its grain observer on start.</summary>
    public static WebApplicationBuilder AddCarmenMqtt(this WebApplicationBuilder builder)
    {
        IServiceCollection services = builder.Services;
        services.AddOptions<MqttOptions>().BindConfiguration(MqttOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(provider => new AuthFailureThrottle(provider.GetRequiredService<IOptions<MqttOptions>>().Value, provider.GetRequiredService<TimeProvider>()));
        services.AddSingleton<DeviceSessions>();
        services.AddSingleton<TenantRateLimits>();
        services.AddSingleton<DeviceConnectionGate>();
        services.AddSingleton<DevicePublishHandler>();
        services.AddSingleton<MqttWebSocketServerAdapter>();
        services.AddSingleton<MqttBroker>();
        services.AddHostedService(provider => provider.GetRequiredService<MqttBroker>());
        services.AddHostedService<ConnectionSweeper>();
        return builder;
    }

    /// <summary>MQTT over WebSocket at Carmen:Mqtt:WebSocketPath on the HTTP port (subprotocol "mqtt").</summary>
    public static WebApplication MapCarmenMqttWebSockets(this WebApplication app)
    {
        MqttOptions options = app.Services.GetRequiredService<IOptions<MqttOptions>>().Value;
        app.UseWebSockets();
        app.Map(options.WebSocketPath, async (HttpContext context, MqttWebSocketServerAdapter adapter) =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "MQTT over WebSocket: open a WebSocket with subprotocol \"mqtt\".");
            }

            string? subProtocol = MqttSubProtocolSelector.SelectSubProtocol(context.Request);
            using System.Net.WebSockets.WebSocket socket = await context.WebSockets.AcceptWebSocketAsync(subProtocol);
            await adapter.RunWebSocketConnectionAsync(socket, context);
            return Results.Empty;
        }).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
