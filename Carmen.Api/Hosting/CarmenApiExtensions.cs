using System.Text.Json;
using System.Text.Json.Serialization;
using Carmen.Api.Access;
using Carmen.Api.Alerts;
using Carmen.Api.Applications;
using Carmen.Api.Audit;
using Carmen.Api.Auth;
using Carmen.Api.Backups;
using Carmen.Api.Devices;
using Carmen.Api.Errors;
using Carmen.Api.Escalation;
using Carmen.Api.Notifications;
using Carmen.Api.Pki;
using Carmen.Api.Posture;
using Carmen.Api.RateLimits;
using Carmen.Api.Ddi;
using Carmen.Api.Incidents;
using Carmen.Api.Invitations;
using Carmen.Api.Licenses;
using Carmen.Api.Rollouts;
using Carmen.Api.Security;
using Carmen.Api.Sso;
using Carmen.Api.Support;
using Carmen.Api.Tenants;
using Carmen.Api.Updates;
using Carmen.Api.Usage;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.RateLimits;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace Carmen.Api.Hosting;

public static class CarmenApiExtensions
{
    private const string CarmenAuthentication = "Carmen";

    /// <summary>Everything the HTTP API needs; the host supplies an Orleans silo or client (IGrainFactory).</summary>
    public static IHostApplicationBuilder AddCarmenApi(this IHostApplicationBuilder builder)
    {
        IServiceCollection services = builder.Services;
        services.ConfigureHttpJsonOptions(options =>
        {
            // Enums by name only: a number would let an undefined value (role 4, -1) through to the grains.
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
            options.SerializerOptions.Converters.Add(new FiniteDoubleConverter());
            options.SerializerOptions.Converters.Add(new SafeStringConverter());
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            // A member named twice is ambiguous, and a dictionary built from it would throw: refused when read.
            options.SerializerOptions.AllowDuplicateProperties = false;
            options.SerializerOptions.MaxDepth = InputLimits.MaxJsonDepth;
        });
        // Binding failures reach the exception handler, which names the field at fault.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemDetailsFields.UseJsonNames);
        services.AddExceptionHandler<CarmenExceptionHandler>();
        services.AddValidation();

        services.AddOptions<TokenOptions>().BindConfiguration(TokenOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SigningKeyCache>();
        services.AddHostedService(provider => provider.GetRequiredService<SigningKeyCache>());
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<TokenRevocation>();
        services.AddOptions<CredentialThrottleOptions>().BindConfiguration(CredentialThrottleOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SignInGuard>();
        services.AddKeyedSingleton(DdiAuthenticator.ThrottleKey, (provider, _) =>
        {
            CredentialThrottleOptions throttle = provider.GetRequiredService<IOptions<CredentialThrottleOptions>>().Value;
            return new FailureThrottle(throttle.FailuresPerAddress, throttle.Window, throttle.BlockDuration, provider.GetRequiredService<TimeProvider>());
        });
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, JwtBearerSetup>();
        // One bearer header, two kinds of credential: an API key (carmen_...) or a signed token.
        services.AddAuthentication(CarmenAuthentication)
            .AddPolicyScheme(CarmenAuthentication, "Signed token or API key", scheme => scheme.ForwardDefaultSelector =
                http => ApiKeyAuthenticationHandler.Carries(http) ? ApiKeyAuthenticationHandler.SchemeName : JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, configureOptions: null);
        services.AddAuthorizationBuilder().AddCarmenPolicies();
        services.AddSingleton<IAuthorizationHandler, TenantMemberRequirement>();
        services.AddSingleton<AccessIndexCache>();
        services.AddOptions<AuditCaptureOptions>().BindConfiguration(AuditCaptureOptions.SectionName);
        services.AddSingleton<AuditHealth>();
        services.AddSingleton<ResourceSnapshots>();
        services.AddSecurityEvents();
        services.AddSingleton<SignInDetection>();
        services.AddSingleton<TenantNetworkPolicies>();
        services.TryAddKeyedSingleton<TimeProvider>(RateLimitClock.Key, (provider, _) => provider.GetRequiredService<TimeProvider>());
        services.AddSingleton<TenantRateLimitsCache>();
        services.AddSingleton<ClusterRateLimiter>();
        services.AddSingleton<ApiRouteGroups>();
        services.AddSingleton<ApiUsageRecorder>();
        services.AddSingleton<ClusterAccessRecorder>();
        services.AddSingleton<ResourceClusters>();
        services.AddSingleton<ApiUsageFlusher>();
        services.AddHostedService(provider => provider.GetRequiredService<ApiUsageFlusher>());
        services.AddOptions<PublicUrlOptions>().BindConfiguration(PublicUrlOptions.SectionName);
        services.AddOptions<SsoOptions>().BindConfiguration(SsoOptions.SectionName);
        services.AddSingleton<OidcClient>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, TenantAwareAuthorizationResultHandler>();

        services.AddOptions<ArtifactOptions>().BindConfiguration(ArtifactOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IArtifactStore, FileSystemArtifactStore>();
        services.AddOptions<DdiClientCertificateOptions>().BindConfiguration(DdiClientCertificateOptions.SectionName);
        services.AddSingleton<DdiAuthenticator>();

        services.AddOpenApi(options => options.AddSchemaTransformer(ConverterSchemas.DescribeAsync));
        services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddHealthChecks().AddCheck<ClusterReadyHealthCheck>("cluster", tags: ["ready"]);
        builder.AddCarmenTelemetry();
        return builder;
    }

    /// <summary>The route table of the API.</summary>
    public static WebApplication MapCarmenApi(this WebApplication app)
    {
        app.UseCarmenMetricsListener();
        app.UseMiddleware<ApiUsageMiddleware>(); // outside the exception handler, so it sees the status a failure answers
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseMiddleware<RateLimitMiddleware>();
        app.UseMiddleware<SecondFactorEnrollmentGate>();
        app.UseMiddleware<TenantGate>();
        app.UseMiddleware<DdiAuthenticationMiddleware>();
        app.UseMiddleware<AuditTrailMiddleware>();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        app.MapOpenApi();
        app.MapScalarApiReference("/docs");

        RouteGroupBuilder api = app.MapGroup("/api/v1").RequireAuthorization().WithProblemResponses();
        api.MapAuthApi();
        api.MapSecondFactorApi();
        api.MapPersonalKeysApi();
        api.MapSsoApi();
        api.MapPermissionsApi();
        api.MapPlatformAuditApi();
        api.MapPlatformSecurityEventsApi();
        api.MapInvitationAcceptanceApi();
        api.MapApplicationReleasesApi();
        api.MapPlatformLicensesApi();
        api.MapPlatformLicenseRenewalsApi();
        api.MapPlatformAlertsApi(); // with the platform's notification channels and escalation paths
        api.MapBackupsApi();
        api.MapSupportQueueApi();
        api.MapSupportSettingsApi();
        RouteGroupBuilder tenants = api.MapGroup("/tenants").WithTags("Tenants");
        RouteGroupBuilder tenant = tenants.MapGroup("/{tenantId}")
            .RequireAuthorization(policy => policy.AddRequirements(new TenantMemberRequirement()))
            .WithMetadata(new TenantGate.TenantRoute());
        tenants.MapTenantsApi(tenant);
        tenant.MapHierarchyApi();
        tenant.MapUsersApi();
        tenant.MapAccessApi();
        tenant.MapInvitationsApi();
        tenant.MapIdentityProvidersApi();
        tenant.MapServiceAccountsApi();
        tenant.MapAuditApi();
        tenant.MapSecurityEventsApi();
        tenant.MapNetworkPolicyApi();
        tenant.MapRateLimitsApi();
        tenant.MapApiUsageApi();
        tenant.MapIntegrationHealthApi();
        tenant.MapProvisioningProfilesApi();
        tenant.MapPkiApi();
        tenant.MapIncidentsApi();
        tenant.MapPostureApi();
        tenant.MapLicensesApi();
        tenant.MapLicenseRenewalsApi();
        tenant.MapDevicesApi();
        tenant.MapFleetApi();
        tenant.MapSoftwareModulesApi();
        tenant.MapDistributionSetsApi();
        tenant.MapDdiSettingsApi();
        tenant.MapRolloutsApi();
        tenant.MapTenantApplicationApi();
        tenant.MapAlertRulesApi();
        tenant.MapAlertsApi();
        tenant.MapAlertReportsApi();
        tenant.MapNotificationChannelsApi();
        tenant.MapTeamsApi();
        tenant.MapEscalationPathsApi();
        tenant.MapTicketsApi();
        app.MapDdiApi();
        app.MapPkiPublicApi();
        app.MapInvitationPages();
        return app;
    }
}
