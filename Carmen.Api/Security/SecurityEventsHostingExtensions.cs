using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Carmen.Api.Security;

public static class SecurityEventsHostingExtensions
{
    /// <summary>The security event sink, once, for whichever of the API and the MQTT listener asks first.</summary>
    public static IServiceCollection AddSecurityEvents(this IServiceCollection services)
    {
        if (services.Any(service => service.ServiceType == typeof(SecurityEventSink)))
        {
            return services;
        }

        services.TryAddSingleton<SecurityEventSink>();
        services.AddHostedService(provider => provider.GetRequiredService<SecurityEventSink>());
        return services;
    }
}
