using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces.Platform;
using Carmen.Grains.Platform;
using Carmen.Grains.Security;
using Carmen.Grains.Telemetry;
using Carmen.Silo.Mqtt;
using Carmen.Silo.Mqtt.Listener;
using Microsoft.Extensions.Options;

namespace Carmen.Silo.Health;

/// <summary>
/// Each silo's look at itself and at the cluster, every CheckInterval: its telemetry backlog and history lag, its
/// store, its MQTT certificate, and which silos the cluster declared dead. Everything observed goes to the platform
/// health grain, which raises and clears platform alerts; failing checks are also a gauge.
/// </summary>
internal sealed partial class PlatformHealthMonitor(
    IClusterMembershipService membership,
    ILocalSiloDetails silo,
    IGrainFactory grains,
    TelemetryFanout telemetry,
    IStoreProbe store,
    TimeProvider time,
    IOptions<PlatformHealthOptions> options,
    IOptions<MqttOptions> mqtt,
    MqttCredentialRefusals refusals,
    IOptions<SecurityDetectionOptions> detection,
    ILogger<PlatformHealthMonitor> logger) : BackgroundService
{
    /// <summary>The monitors of this process (one per silo; tests host several), for the gauge.</summary>
    private static readonly LiveInstances<PlatformHealthMonitor> s_running = new();

    private static readonly ObservableGauge<int> s_failingGauge = CarmenDiagnostics.Meter.CreateObservableGauge(
        "carmen.platform.checks_failing", FailingByCheck, "{check}", "Built-in platform checks failing, by check, as the silos of this process see them.");

    private volatile IReadOnlyList<HealthObservation> _latest = [];

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        s_running.Add(this);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        s_running.Remove(this);
        await base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var ticks = new PeriodicTimer(options.Value.CheckInterval, time);
        while (await ticks.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                IReadOnlyList<HealthObservation> observations = [.. Membership(), .. await LocalAsync(stoppingToken)];
                _latest = observations;
                await grains.GetGrain<IPlatformHealthGrain>(0).ObserveAsync(observations, stoppingToken);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                LogCheckFailed(failure); // the next tick observes again
            }
        }
    }

    /// <summary>One observation per silo address the cluster knows: failing while it is dead and nothing at that address is alive.</summary>
    private IEnumerable<HealthObservation> Membership() =>
        membership.CurrentSnapshot.Members.Values
            .GroupBy(member => member.SiloAddress.Endpoint.ToString())
            .Select(address =>
            {
                bool dead = address.Any(member => member.Status == SiloStatus.Dead);
                bool back = address.Any(member => member.Status is SiloStatus.Active or SiloStatus.Joining or SiloStatus.Created);
                return new HealthObservation(PlatformHealthCheck.SiloLeft, address.Key, dead && !back,
                    dead && !back ? $"Silo {address.First().Name} at {address.Key} was declared dead." : $"A silo at {address.Key} is alive.");
            });

    private async Task<IReadOnlyList<HealthObservation>> LocalAsync(CancellationToken cancellationToken)
    {
        string self = silo.SiloAddress.Endpoint.ToString();
        PlatformHealthOptions limits = options.Value;
        int backlog = telemetry.QueueLength;
        int threshold = Math.Max(1, telemetry.QueueCapacity * limits.IngestBacklogPercent / 100);
        TimeSpan lag = telemetry.HistoryLag;
        List<HealthObservation> observations =
        [
            new(PlatformHealthCheck.IngestBacklog, self, backlog >= threshold, $"{backlog} messages queued of {telemetry.QueueCapacity} (alert at {threshold})."),
            new(PlatformHealthCheck.HistoryLag, self, lag >= limits.HistoryLagThreshold, $"History is {lag.TotalSeconds:0.#} s behind (alert at {limits.HistoryLagThreshold.TotalSeconds:0} s)."),
            await StoreAsync(self, cancellationToken),
            RefusalStorm(self, limits.CheckInterval),
        ];
        if (mqtt.Value.CertificatePath is { Length: > 0 } path)
        {
            observations.Add(Certificate(self, path));
        }

        return observations;
    }

    private async Task<HealthObservation> StoreAsync(string self, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Value.StoreTimeout);
        try
        {
            await store.PingAsync(deadline.Token);
            return new(PlatformHealthCheck.StorageErrors, self, false, "The store answers.");
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
        {
            string error = deadline.IsCancellationRequested ? $"no answer within {options.Value.StoreTimeout.TotalSeconds:0.#} s" : failure.Message;
            return new(PlatformHealthCheck.StorageErrors, self, true, $"The store does not answer: {error}");
        }
    }

    /// <summary>Refused MQTT credentials per minute on this silo since the last tick, against the storm threshold.</summary>
    private HealthObservation RefusalStorm(string self, TimeSpan interval)
    {
        double perMinute = refusals.Take() * 60 / Math.Max(interval.TotalSeconds, 1);
        int threshold = detection.Value.MqttRefusalsPerMinute;
        return new(PlatformHealthCheck.MqttAuthenticationStorm, self, perMinute >= threshold,
            $"{perMinute:0} MQTT CONNECTs refused for their credentials per minute (alert at {threshold}).");
    }

    private HealthObservation Certificate(string self, string path)
    {
        try
        {
            using X509Certificate2 certificate = X509CertificateLoader.LoadPkcs12FromFile(path, mqtt.Value.CertificatePassword);
            TimeSpan left = certificate.NotAfter.ToUniversalTime() - time.GetUtcNow().UtcDateTime;
            return new(PlatformHealthCheck.CertificateExpiry, self, left <= options.Value.CertificateWarning,
                $"The MQTT certificate {certificate.Subject} ({path}) expires {certificate.NotAfter.ToUniversalTime():u}, in {Math.Max(0, left.TotalDays):0.#} days.");
        }
        catch (CryptographicException unreadable)
        {
            return new(PlatformHealthCheck.CertificateExpiry, self, true, $"The MQTT certificate {path} cannot be read: {unreadable.Message}");
        }
    }

    private static IEnumerable<Measurement<int>> FailingByCheck() =>
        Enum.GetValues<PlatformHealthCheck>().Select(check => new Measurement<int>(
            s_running.All.Sum(monitor => monitor._latest.Count(observation => observation.Check == check && observation.Failing)),
            new KeyValuePair<string, object?>("check", check.ToString())));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Platform health check failed; the next tick observes again")]
    private partial void LogCheckFailed(Exception failure);
}
