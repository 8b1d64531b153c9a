using Microsoft.AspNetCore.Hosting;
using Carmen.Grains.Audit;
using Carmen.Grains.Posture;
using Carmen.Grains.Security;
using Carmen.Grains.TwoFactor;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Carmen.Testing.Node;

/// <summary>
/// The real single-node host (silo, embedded store, API) over a private data directory and private Orleans ports.
/// The HTTP side runs on the in-memory test server.
/// </summary>
public sealed class CarmenApiFactory : WebApplicationFactory<Program>
{
    public const string AdminPassword = "admin-password-1";

    /// <summary>A fresh directory unless set; two factories over one directory see the same data.</summary>
    public string DataDirectory { get; init; } = Path.Combine(Path.GetTempPath(), "carmen-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The node's MQTT listener, on a private loopback port.</summary>
    public int MqttPort { get; init; } = FreePorts.Next();

    /// <summary>The node's metrics listener; the in-memory server tells it apart by the connection's local port.</summary>
    public int MetricsPort { get; init; } = FreePorts.Next();

    /// <summary>Leaves the data directory behind on dispose, for a later factory over the same data (a restart).</summary>
    public bool KeepsDataDirectory { get; init; }

    /// <summary>Settings a test class adds to the node's (for example a lower limit it wants to reach).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>The clock second-factor codes are checked against, when a test controls it.</summary>
    public TimeProvider? SecondFactorClock { get; init; }

    /// <summary>The clock audit records are stamped with, when a test moves it (retention).</summary>
    public TimeProvider? AuditClock { get; init; }

    /// <summary>The clock address blocks run on, when a test moves it (credential stuffing).</summary>
    public TimeProvider? SecurityClock { get; init; }

    /// <summary>The clock posture checks judge by, when a test moves it (devices unseen for days).</summary>
    public TimeProvider? PostureClock { get; init; }

    /// <summary>The clock rate-limit buckets fill by, when a test moves it.</summary>
    public TimeProvider? RateLimitClock { get; init; }

    /// <summary>The clock license decisions read (validity, grace, expiry); the system clock when null.</summary>
    public TimeProvider? LicenseClock { get; init; }

    /// <summary>The clock backups are named and aged by.</summary>
    public TimeProvider? BackupClock { get; init; }

    /// <summary>Services a test replaces or tunes in the node (for example Orleans' collection quantum), after the node's own.</summary>
    public Action<IServiceCollection>? TestServices { get; init; }

    /// <summary>Receives what the node logs, when a test wants to read it.</summary>
    public RecordingLoggerProvider? Logs { get; init; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (Logs is not null)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        }

        builder.UseSetting("Carmen:Mqtt:Port", MqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Carmen:DataDirectory", DataDirectory);
        builder.UseSetting("Carmen:Metrics:Port", MetricsPort.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Carmen:Orleans:SiloPort", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Carmen:Orleans:GatewayPort", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Carmen:Bootstrap:AdminPassword", AdminPassword);
        builder.UseSetting("Carmen:Security:Lockout:MaxFailedAttempts", "3");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach ((string key, string value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (SecondFactorClock is TimeProvider clock)
        {
            builder.ConfigureTestServices(services => services.AddKeyedSingleton(SecondFactorGrain.ClockKey, clock));
        }

        if (SecurityClock is TimeProvider securityClock)
        {
            builder.ConfigureTestServices(services => services.AddKeyedSingleton(AddressGuardGrain.ClockKey, securityClock));
        }

        if (RateLimitClock is TimeProvider rateLimitClock)
        {
            builder.ConfigureTestServices(services => services.AddKeyedSingleton(Carmen.Grains.Interfaces.RateLimits.RateLimitClock.Key, rateLimitClock));
        }

        if (TestServices is Action<IServiceCollection> testServices)
        {
            builder.ConfigureTestServices(testServices);
        }

        if (BackupClock is TimeProvider backupClock)
        {
            builder.ConfigureTestServices(services => services.AddKeyedSingleton(Carmen.Grains.Backups.PlatformBackupsGrain.ClockKey, backupClock));
        }

        if (LicenseClock is TimeProvider licenseClock)
        {
            builder.ConfigureTestServices(services => services.AddKeyedSingleton(Carmen.Grains.Licenses.LicenseClock.Key, licenseClock));
        }

        if (PostureClock is TimeProvider postureClock)
        {
            builder.ConfigureTestServices(services => services.AddKeyedSingleton(TenantPostureGrain.ClockKey, postureClock));
        }

        if (AuditClock is TimeProvider auditClock)
        {
            builder.ConfigureTestServices(services => services.AddKeyedSingleton(AuditTrailGrain.ClockKey, auditClock));
        }
    }

    /// <summary>A client whose requests arrive on the metrics listener, as a Prometheus scraper's would.</summary>
    public HttpClient CreateMetricsClient() =>
        new(Server.CreateHandler(context => context.Connection.LocalPort = MetricsPort)) { BaseAddress = Server.BaseAddress };

    /// <summary>A client whose requests come from <paramref name="address"/> (one of 127.0.0.0/8), as a caller on that host's would.</summary>
    public HttpClient CreateClientFrom(System.Net.IPAddress address) =>
        new(Server.CreateHandler(context => context.Connection.RemoteIpAddress = address)) { BaseAddress = Server.BaseAddress };

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (!KeepsDataDirectory && Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }
}
