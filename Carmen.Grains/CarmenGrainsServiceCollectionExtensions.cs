using Carmen.Grains.Alerts;
using Carmen.Grains.Audit;
using Carmen.Grains.Backups;
using Carmen.Grains.Ingest;
using Carmen.Grains.Interfaces.RateLimits;
using Carmen.Grains.Licenses;
using Carmen.Grains.Notifications;
using Carmen.Grains.Placement;
using Carmen.Grains.Posture;
using Carmen.Grains.Rollouts;
using Carmen.Grains.Security;
using Carmen.Grains.Support;
using Carmen.Grains.TwoFactor;
using Carmen.Grains.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Carmen.Grains;

public static class CarmenGrainsServiceCollectionExtensions
{
    /// <summary>What the grains need besides storage: options, the password hasher, the clock, the device grains' placement.</summary>
    public static IServiceCollection AddCarmenGrains(this IServiceCollection services)
    {
        services.AddOptions<SignInLockoutOptions>().BindConfiguration(SignInLockoutOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RolloutOptions>().BindConfiguration(RolloutOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AlertOptions>().BindConfiguration(AlertOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SupportOptions>().BindConfiguration(SupportOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SecurityDetectionOptions>().BindConfiguration(SecurityDetectionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AuditOptions>().BindConfiguration(AuditOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<LicenseOptions>().BindConfiguration(LicenseOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ISecurityEventForwarder, WebhookSecurityForwarder>();
        services.AddPlacementDirector<ConnectionPlacement, ConnectionPlacementDirector>();
        services.TryAddSingleton<AlertRuleCache>();
        services.TryAddSingleton<IngestShard>();
        services.TryAddSingleton<MailTransport>();
        services.TryAddSingleton<NotificationSender>();
        services.TryAddSingleton<IPasswordHasher<UserState>, PasswordHasher<UserState>>();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddKeyedSingleton<TimeProvider>(AddressGuardGrain.ClockKey, (provider, _) => provider.GetRequiredService<TimeProvider>());
        services.TryAddKeyedSingleton<TimeProvider>(PlatformBackupsGrain.ClockKey, (provider, _) => provider.GetRequiredService<TimeProvider>());
        services.TryAddKeyedSingleton<TimeProvider>(AuditTrailGrain.ClockKey, (provider, _) => provider.GetRequiredService<TimeProvider>());
        services.TryAddKeyedSingleton<TimeProvider>(TenantPostureGrain.ClockKey, (provider, _) => provider.GetRequiredService<TimeProvider>());
        services.TryAddKeyedSingleton<TimeProvider>(RateLimitClock.Key, (provider, _) => provider.GetRequiredService<TimeProvider>());
        services.TryAddKeyedSingleton<TimeProvider>(SecondFactorGrain.ClockKey, (provider, _) => provider.GetRequiredService<TimeProvider>());
        services.TryAddKeyedSingleton<TimeProvider>(LicenseClock.Key, (provider, _) => provider.GetRequiredService<TimeProvider>());
        return services;
    }
}
