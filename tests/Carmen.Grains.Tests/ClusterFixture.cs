using Carmen.Grains.Alerts;
using Carmen.Grains.Devices;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Notifications;
using Carmen.Grains.Platform;
using Carmen.Grains.Rollouts;
using Carmen.Silo.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Carmen.Grains.Tests;

/// <summary>
/// One in-process silo for the whole collection: grain state and reminders in memory (the same storage names as the
/// real silo), the device query index and rollout inbox in a real SQLite file in a temporary directory.
/// </summary>
public class ClusterFixture : IAsyncLifetime
{
    private readonly TimeProvider? _clock;
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "carmen-grain-tests", Guid.NewGuid().ToString("N"));
    private InProcessTestCluster _cluster = null!;

    public ClusterFixture()
    {
    }

    /// <summary>A cluster whose grains read the time from <paramref name="clock"/>.</summary>
    protected ClusterFixture(TimeProvider clock) => _clock = clock;

    public IGrainFactory Grains => _cluster.Client;

    public IDeviceIndex Index { get; private set; } = null!;

    /// <summary>The embedded store behind the index and the rollout inbox, for tests that look at its rows.</summary>
    public SqliteDatabase Database { get; private set; } = null!;

    public RecordingTelemetrySink Telemetry { get; } = new();

    /// <summary>The silo's services, for tests of the parts Orleans calls (placement).</summary>
    public IServiceProvider SiloServices => _cluster.Silos[0].ServiceProvider;

    /// <summary>The silo's grain storage <paramref name="name"/>, for tests that lay down state as an older Carmen stored it.</summary>
    public IGrainStorage Storage(string name) => _cluster.Silos[0].ServiceProvider.GetRequiredKeyedService<IGrainStorage>(name);

    public async Task InitializeAsync()
    {
        var database = new SqliteDatabase(_dataDirectory, Options.Create(new SqliteOptions()), NullLogger<SqliteDatabase>.Instance);
        Database = database;
        Index = new SqliteDeviceIndex(database);
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) =>
        {
            foreach (string name in StorageNames.All)
            {
                silo.AddMemoryGrainStorage(name);
            }

            silo.UseInMemoryReminderService();
            if (_clock is not null)
            {
                silo.Services.AddSingleton(_clock);
            }

            silo.Services.AddCarmenGrains();
            silo.Services.Configure<AlertOptions>(options => (options.RuleCheckInterval, options.ClockInterval, options.SweepInterval) =
                (TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(200)));
            silo.Services.Configure<NotificationOptions>(options =>
            {
                (options.FirstRetryDelay, options.MaxRetryDelay) = (TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(400));
                options.AllowedNetworks = ["127.0.0.1/32"]; // the tests' webhook receivers
            });
            silo.Services.AddSingleton(database);
            silo.Services.AddSingleton<IStoreProbe>(database);
            silo.Services.AddSingleton(Index);
            silo.Services.AddSingleton<IAlertIndex, SqliteAlertIndex>();
            silo.Services.AddSingleton<IRolloutInbox, SqliteRolloutInbox>();
            silo.Services.AddSingleton<Telemetry.ITelemetrySink>(Telemetry);
        });
        _cluster = builder.Build();
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
