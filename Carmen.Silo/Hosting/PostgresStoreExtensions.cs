using Carmen.Grains.Alerts;
using Carmen.Grains.Audit;
using Carmen.Grains.Devices;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Platform;
using Carmen.Grains.Rollouts;
using Carmen.Grains.Usage;
using Carmen.Silo.Secrets;
using Carmen.Silo.Storage.Postgres;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Carmen.Silo.Hosting;

/// <summary>
/// The cluster profile: Orleans membership, grain state and reminders through the ADO.NET providers on PostgreSQL
/// (invariant Npgsql, SQL from deploy/sql/postgres), and Carmen's tables in the same database through one pooled
/// <see cref="NpgsqlDataSource"/>. Grain state is serialized with Orleans' binary serializer, as in the embedded store.
/// </summary>
internal static class PostgresStoreExtensions
{
    /// <summary>Carmen's side of the store; returns the (pool-capped) connection string the silo's providers use too.</summary>
    public static string AddPostgresStore(this WebApplicationBuilder builder)
    {
        string connectionString = RequireConnectionString(builder);
        builder.Services.AddOptions<PostgresOptions>().BindConfiguration(PostgresOptions.SectionName);
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddSingleton<PostgresMigrator>();
        builder.Services.AddSingleton<PostgresDeviceIndex>();
        builder.Services.AddSingleton<IDeviceIndex>(provider => provider.GetRequiredService<PostgresDeviceIndex>());
        builder.Services.AddSingleton<IStoreProbe>(provider => provider.GetRequiredService<PostgresDeviceIndex>());
        builder.Services.AddSingleton<IAlertIndex, PostgresAlertIndex>();
        builder.Services.AddSingleton<IRolloutInbox, PostgresRolloutInbox>();
        builder.Services.AddSingleton<IAuditStore, PostgresAuditStore>();
        builder.Services.AddSingleton<IApiUsageStore, PostgresApiUsageStore>();

        // Registered before the silo, so the schema exists before the Orleans providers read their queries.
        builder.Services.AddHostedService<PostgresMigrationService>();
        builder.AddClusterKeyRing();
        return connectionString;
    }

    public static void UsePostgresStore(this ISiloBuilder silo, string connectionString, OrleansOptions orleans)
    {
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = orleans.ClusterId;
            cluster.ServiceId = orleans.ServiceId;
        });
        silo.ConfigureEndpoints(orleans.ResolveAdvertisedAddress(), orleans.SiloPort, orleans.GatewayPort, listenOnAnyHostAddress: true);

        // Failure detection: a silo that misses 3 probes of 2 s is suspected and, with its peers' votes, declared dead,
        // so the grains it hosted reactivate elsewhere within about 10 s of a crash (Orleans' defaults take longer).
        // A silo that has not written its I-am-alive row for 3 x 10 s counts as gone to a joining silo; with Orleans'
        // defaults (90 s) a node restarting after the whole cluster crashed waits that long for peers that never return.
        silo.Configure<ClusterMembershipOptions>(membership =>
        {
            membership.ProbeTimeout = TimeSpan.FromSeconds(2);
            membership.NumMissedProbesLimit = 3;
            membership.TableRefreshTimeout = TimeSpan.FromSeconds(5);
            membership.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
            membership.NumMissedTableIAmAliveLimit = 3;
        });
        if (orleans.Kubernetes)
        {
            silo.UseKubernetesHosting();
        }

        silo.UseAdoNetClustering(options =>
        {
            options.Invariant = PostgresOptions.Invariant;
            options.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(options =>
        {
            options.Invariant = PostgresOptions.Invariant;
            options.ConnectionString = connectionString;
        });
        foreach (string name in StorageNames.All)
        {
            silo.AddAdoNetGrainStorage(name, (OptionsBuilder<AdoNetGrainStorageOptions> options) => options.Configure<IServiceProvider>((storage, services) =>
            {
                storage.Invariant = PostgresOptions.Invariant;
                storage.ConnectionString = connectionString;
                storage.GrainStorageSerializer = SecretsHostingExtensions.ForStorage(
                    name, new OrleansGrainStorageSerializer(services.GetRequiredService<Serializer>()), services);
            }));
        }
    }

    private static string RequireConnectionString(WebApplicationBuilder builder) =>
        builder.Configuration.GetConnectionString(PostgresOptions.ConnectionStringName) is { Length: > 0 } connectionString
            ? (builder.Configuration.GetSection(PostgresOptions.SectionName).Get<PostgresOptions>() ?? new()).Bounded(connectionString)
            : throw new OptionsValidationException(PostgresOptions.ConnectionStringName, typeof(PostgresOptions),
                ["Carmen:Storage=Postgres needs ConnectionStrings:Carmen (for example ConnectionStrings__Carmen=\"Host=127.0.0.1;Username=carmen;Password=...;Database=carmen\")."]);
}
