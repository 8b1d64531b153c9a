using System.Diagnostics.Metrics;
using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces.Fleet;
using Carmen.Grains.Interfaces.Platform;
using Microsoft.Extensions.Options;

namespace Carmen.Silo.Telemetry;

/// <summary>
/// Publishes every tenant's fleet view as gauges: devices online and offline, and the few devices highest in each
/// of Carmen:Fleet:TopKeys (cpu, disk). One silo exports (the oldest active one), so a cluster reports each tenant
/// once; the others publish nothing until membership makes them the oldest.
/// </summary>
internal sealed partial class FleetMetricsExporter(
    IClusterMembershipService membership,
    ILocalSiloDetails silo,
    IGrainFactory grains,
    TimeProvider time,
    IOptions<FleetMetricsOptions> options,
    ILogger<FleetMetricsExporter> logger) : BackgroundService
{
    private const int Parallelism = 16;

    private static readonly LiveInstances<FleetMetricsExporter> s_running = new();

    private static readonly ObservableGauge<long> s_devicesGauge = CarmenDiagnostics.Meter.CreateObservableGauge(
        "carmen.fleet.devices", () => s_running.All.SelectMany(exporter => exporter._devices), "{device}",
        "Devices in service by tenant and status (online, offline), from the device index.");

    private static readonly ObservableGauge<double> s_topGauge = CarmenDiagnostics.Meter.CreateObservableGauge(
        "carmen.fleet.top", () => s_running.All.SelectMany(exporter => exporter._top), null,
        "Each tenant's highest devices by the keys of Carmen:Fleet:TopKeys, with their latest value.");

    private volatile Measurement<long>[] _devices = [];
    private volatile Measurement<double>[] _top = [];

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
        string[] keys = options.Value.TopKeys.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        using var ticks = new PeriodicTimer(options.Value.ExportInterval, time);
        while (await ticks.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (!Exporting())
                {
                    (_devices, _top) = ([], []);
                    continue;
                }

                IReadOnlyList<string> tenants = await grains.GetGrain<IPlatformGrain>(IPlatformGrain.Key).GetTenantIdsAsync(stoppingToken);
                var devices = new List<Measurement<long>>();
                var top = new List<Measurement<double>>();
                foreach (string[] slice in tenants.Chunk(Parallelism))
                {
                    foreach ((string tenant, FleetSummary summary, IReadOnlyList<DeviceValue>[] tops) in await Task.WhenAll(slice.Select(tenant => ViewAsync(tenant, keys, stoppingToken))))
                    {
                        devices.Add(new(summary.Online, Tag("tenant", tenant), Tag("status", "online")));
                        devices.Add(new(summary.Offline, Tag("tenant", tenant), Tag("status", "offline")));
                        for (int i = 0; i < keys.Length; i++)
                        {
                            top.AddRange(tops[i].Select(device => new Measurement<double>(
                                device.Value, Tag("tenant", tenant), Tag("key", keys[i]), Tag("device", device.DeviceId))));
                        }
                    }
                }

                (_devices, _top) = ([.. devices], [.. top]);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                LogExportFailed(failure); // the gauges keep the last view; the next tick tries again
            }
        }
    }

    /// <summary>The oldest active silo exports: every silo agrees on it from the same membership view.</summary>
    private bool Exporting()
    {
        SiloAddress? oldest = membership.CurrentSnapshot.Members.Values
            .Where(member => member.Status == SiloStatus.Active)
            .Select(member => member.SiloAddress)
            .OrderBy(address => address.Generation).ThenBy(address => address.ToString(), StringComparer.Ordinal)
            .FirstOrDefault();
        return oldest is null || oldest.Equals(silo.SiloAddress);
    }

    /// <summary>The tenant's counts (one index query) and its top devices by each key (from the grain's memory).</summary>
    private async Task<(string Tenant, FleetSummary Summary, IReadOnlyList<DeviceValue>[] Tops)> ViewAsync(string tenant, string[] keys, CancellationToken cancellationToken)
    {
        IFleetMetricsGrain fleet = grains.GetGrain<IFleetMetricsGrain>(tenant);
        Task<FleetSummary> summary = fleet.GetSummaryAsync(null, 0, cancellationToken);
        IReadOnlyList<DeviceValue>[] tops = await Task.WhenAll(keys.Select(key => fleet.GetTopAsync(key, options.Value.TopDevices, cancellationToken)));
        return (tenant, await summary, tops);
    }

    private static KeyValuePair<string, object?> Tag(string name, string value) => new(name, value);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fleet metrics export failed; the next tick tries again")]
    private partial void LogExportFailed(Exception failure);
}
