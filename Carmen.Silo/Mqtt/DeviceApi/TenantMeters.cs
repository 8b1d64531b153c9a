using System.Collections.Concurrent;
using Carmen.Grains.Interfaces.Licenses;
using Carmen.Grains.Licenses;
using Microsoft.Extensions.Options;

namespace Carmen.Silo.Mqtt.DeviceApi;

/// <summary>
/// This silo's side of the tenants' telemetry meters: every <see cref="LicenseOptions.MeterFlushInterval"/> each
/// tenant's count goes to its meter grain in one call, and the answer says whether its devices may send on. A tenant
/// already refused is asked again at every interval, so a new license or a new month opens it within one interval. A
/// report that fails is kept and sent with the next one: nothing counted is lost while the silo runs.
/// </summary>
internal sealed partial class TenantMeters(IGrainFactory grains, IOptions<LicenseOptions> options, ILogger<TenantMeters> logger) : BackgroundService
{
    private readonly ConcurrentDictionary<string, TenantMeter> _meters = new(StringComparer.Ordinal);

    public TenantMeter For(string tenantId) => _meters.GetOrAdd(tenantId, static id => new TenantMeter(id));

    public Task ReportAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(_meters.Values.Select(meter => ReportAsync(meter, cancellationToken)));

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await ReportAsync(cancellationToken); // what was counted since the last interval
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.MeterFlushInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await ReportAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping: StopAsync sends the last counts
        }
    }

    private async Task ReportAsync(TenantMeter meter, CancellationToken cancellationToken)
    {
        long points = meter.TakeUnreported();
        if (points == 0 && meter.Refusal is null)
        {
            return;
        }

        try
        {
            meter.Apply(await grains.GetGrain<ITenantMeterGrain>(meter.TenantId).AddTelemetryPointsAsync(points, cancellationToken));
        }
        catch (Exception failure)
        {
            meter.GiveBack(points);
            if (failure is not OperationCanceledException)
            {
                LogReportFailed(failure, meter.TenantId, points);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {TenantId}: {Points} telemetry points could not be reported to its meter; they go with the next report")]
    private partial void LogReportFailed(Exception exception, string tenantId, long points);
}
