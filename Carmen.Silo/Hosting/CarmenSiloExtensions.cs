using Carmen.Api.Hosting;
using Carmen.Api.Updates;
using Carmen.Grains;
using Carmen.Grains.Audit;
using Carmen.Grains.Alerts;
using Carmen.Grains.Devices;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Platform;
using Carmen.Grains.Rollouts;
using Carmen.Grains.Usage;
using Carmen.Silo.Backup;
using Carmen.Silo.Health;
using Carmen.Silo.Mqtt;
using Carmen.Silo.Secrets;
using Carmen.Silo.Security;
using Carmen.Silo.Storage;
using Carmen.Silo.Storage.Sqlite;
using Carmen.Silo.Telemetry;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Hosting;
using Orleans.Serialization;
using Orleans.Storage;

namespace Carmen.Silo.Hosting;

public static class CarmenSiloExtensions
{
    /// <summary>A complete single node: Orleans silo on localhost clustering, the embedded store, the grains, the first administrator.</summary>
    public static WebApplicationBuilder AddCarmenSilo(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<CarmenOptions>().BindConfiguration(CarmenOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<HttpOptions>().BindConfiguration(HttpOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<OrleansOptions>().BindConfiguration(OrleansOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<SqliteOptions>().BindConfiguration(SqliteOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<BootstrapOptions>().BindConfiguration(BootstrapOptions.SectionName)
            .PostConfigure(options => options.AdminPassword ??= Environment.GetEnvironmentVariable(BootstrapOptions.PasswordVariable));

        builder.ListenOnConfiguredPort();
        CarmenOptions carmen = builder.Configuration.GetSection(CarmenOptions.SectionName).Get<CarmenOptions>() ?? new();

        // A node keeps artifacts with the rest of its data unless a shared directory is configured (cluster profile).
        builder.Services.PostConfigure<ArtifactOptions>(options =>
            options.Directory = options.Directory is { Length: > 0 } configured ? configured : Path.Combine(carmen.DataDirectory, "artifacts"));
        OrleansOptions orleans = builder.Configuration.GetSection(OrleansOptions.SectionName).Get<OrleansOptions>() ?? new();
        string? postgres = carmen.Storage == StorageKind.Postgres ? builder.AddPostgresStore() : null;
        if (postgres is null)
        {
            if (orleans.Kubernetes)
            {
                throw new InvalidOperationException("Carmen:Orleans:Kubernetes runs silos as a cluster, which needs Carmen:Storage=Postgres; the embedded store serves one node.");
            }

            builder.AddEmbeddedStore(carmen);
        }

        builder.AddNodeBackups();

        builder.UseOrleans(silo =>
        {
            if (postgres is not null)
            {
                silo.UsePostgresStore(postgres, orleans);
            }
            else
            {
                silo.UseLocalhostClustering(orleans.SiloPort, orleans.GatewayPort, serviceId: orleans.ServiceId, clusterId: orleans.ClusterId);
                silo.AddReminders();
            }

            if (TelemetryExtensions.TracingEnabled)
            {
                silo.AddActivityPropagation();
            }

            silo.Configure<GrainCollectionOptions>(collection =>
                collection.ClassSpecificCollectionAge[typeof(DeviceGrain).FullName!] = orleans.DeviceIdleDeactivation);
            silo.AddCarmenTelemetryStreams();
            silo.Services.AddCarmenGrains();
        });
        builder.Services.AddHostedService<AdministratorBootstrapper>();
        builder.Services.AddHostedService<AlertClockSweepStarter>();
        builder.Services.AddHostedService<IdleMemoryReclaimer>();
        builder.Services.AddHostedService<LicenseWarningSweeper>();
        builder.Services.AddHostedService<PlatformBackupsStarter>(); // after the silo: it activates a grain

        builder.AddCarmenTelemetry(carmen);
        builder.AddCarmenMqtt();
        builder.AddSecurityForwarding();
        builder.Services.AddOptions<PlatformHealthOptions>().BindConfiguration(PlatformHealthOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddHostedService<PlatformHealthMonitor>();
        return builder;
    }

    /// <summary>
    /// Grain state, reminders and the device index in one SQLite file. Grain state uses Orleans' own binary
    /// serializer: version tolerant through the [Id]s every stored type carries, and compact.
    /// </summary>
    private static void AddEmbeddedStore(this WebApplicationBuilder builder, CarmenOptions carmen)
    {
        IServiceCollection services = builder.Services;
        OwnerOnlyFiles.SecureDirectory(carmen.DataDirectory);
        builder.AddEmbeddedKeyRing(carmen.DataDirectory);
        services.AddSingleton(provider => new SqliteDatabase(
            carmen.DataDirectory, provider.GetRequiredService<IOptions<SqliteOptions>>(), provider.GetRequiredService<ILogger<SqliteDatabase>>()));
        services.AddSingleton<IStoreProbe>(provider => provider.GetRequiredService<SqliteDatabase>());
        services.AddSingleton<IDeviceIndex, SqliteDeviceIndex>();
        services.AddSingleton<IAlertIndex, SqliteAlertIndex>();
        services.AddSingleton<IRolloutInbox, SqliteRolloutInbox>();
        services.AddSingleton<IApiUsageStore, SqliteApiUsageStore>();
        services.AddSingleton<IReminderTable, SqliteReminderTable>();
        services.AddKeyedSingleton(SqliteAuditStore.FileName, (provider, _) => new SqliteDatabase(
            carmen.DataDirectory, SqliteAuditStore.FileName, SqliteSchema.AuditMigrations,
            provider.GetRequiredService<IOptions<SqliteOptions>>(), provider.GetRequiredService<ILogger<SqliteDatabase>>()));
        services.AddSingleton<IAuditStore>(provider => new SqliteAuditStore(provider.GetRequiredKeyedService<SqliteDatabase>(SqliteAuditStore.FileName)));
        foreach (string name in StorageNames.All)
        {
            services.AddGrainStorage(name, (provider, _) => new SqliteGrainStorage(
                provider.GetRequiredService<SqliteDatabase>(),
                SecretsHostingExtensions.ForStorage(name, new OrleansGrainStorageSerializer(provider.GetRequiredService<Serializer>()), provider)));
        }
    }

    /// <summary>
    /// Listens on Carmen:Http:Address and Port unless the host was given URLs (ASPNETCORE_URLS, --urls), and on the
    /// metrics listener beside them.
    /// </summary>
    private static void ListenOnConfiguredPort(this WebApplicationBuilder builder)
    {
        string? given = builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey);
        HttpOptions http = builder.Configuration.GetSection(HttpOptions.SectionName).Get<HttpOptions>() ?? new();
        string urls = string.IsNullOrEmpty(given) ? $"http://{http.Address}:{http.Port}" : given;
        if (http.CertificatePath is { Length: > 0 } certificatePath)
        {
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => HttpsListener.Configure(https, certificatePath, http.CertificatePassword)));
            urls += $";https://{http.Address}:{http.HttpsPort}";
        }

        builder.ListenWithMetrics(urls);
    }
}
