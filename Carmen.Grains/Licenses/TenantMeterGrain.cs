using System.Globalization;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Licenses;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Carmen.Grains.Licenses;

/// <summary>
/// A tenant's telemetry-point meter. Silos count points where devices send them and report their counts here in
/// batches (never a call per message), so the meter is exact once the silos have reported and may run past the
/// allowance by what arrives between two reports. The allowance is read from the tenant grain at each report, so a
/// new license or a new month opens the meter at the next report.
/// </summary>
[GrainType("tenant-meter")]
public sealed partial class TenantMeterGrain(
    [PersistentState("tenant-meter", StorageNames.Tenants)] IPersistentState<TenantMeterState> meter,
    IOptions<LicenseOptions> options,
    [FromKeyedServices(LicenseClock.Key)] TimeProvider clock,
    ILogger<TenantMeterGrain> logger) : Grain, ITenantMeterGrain
{
    private const int MonthsKept = 13;
    private const string Meter = LicenseEntitlementNames.TelemetryPointsPerMonth;

    private string TenantId => this.GetPrimaryKeyString();

    public async Task<MeterVerdict> AddTelemetryPointsAsync(long points, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(points);
        if (await AllowanceAsync(cancellationToken) is not LicenseAllowance allowance)
        {
            return MeterVerdict.Open; // the tenant is gone: its devices are disconnected, nothing to count
        }

        string month = MonthOf(clock.GetUtcNow());
        long used = meter.State.TelemetryPoints.GetValueOrDefault(month) + points;
        bool changed = points > 0;
        if (changed)
        {
            meter.State.TelemetryPoints[month] = used;
            Prune();
        }

        bool exhausted = allowance.MeterAllowance.TryGetValue(Meter, out long allowed) && used >= allowed;
        bool newlyExhausted = exhausted && meter.State.ExhaustedAt.TryAdd(month, clock.GetUtcNow());
        changed |= newlyExhausted || (!exhausted && meter.State.ExhaustedAt.Remove(month));
        if (changed)
        {
            await meter.WriteStateAsync(cancellationToken);
        }

        if (newlyExhausted)
        {
            LogExhausted(TenantId, month, used, allowed, options.Value.MeterAction);
            await AnnounceAsync(cancellationToken);
        }

        return exhausted && options.Value.MeterAction == MeterAction.Refuse
            ? new MeterVerdict(true, $"The tenant's licensed telemetry points for {month} ({allowed:N0} with overage) are used up; telemetry is refused until the month ends or the license grows.")
            : MeterVerdict.Open;
    }

    public async Task<IReadOnlyList<MeterMonth>> GetMonthsAsync(CancellationToken cancellationToken)
    {
        LicenseAllowance allowance = await AllowanceAsync(cancellationToken) ?? LicenseAllowance.Unlicensed;
        (long? entitled, long? allowed) = allowance.Meters.TryGetValue(Meter, out long granted) ? (granted, allowance.MeterAllowance[Meter]) : ((long?)null, (long?)null);
        string current = MonthOf(clock.GetUtcNow());
        return [.. meter.State.TelemetryPoints.Keys.Append(current).Distinct(StringComparer.Ordinal).OrderDescending(StringComparer.Ordinal)
            .Select(month => new MeterMonth(Meter, month, meter.State.TelemetryPoints.GetValueOrDefault(month), entitled, allowed,
                meter.State.ExhaustedAt.TryGetValue(month, out DateTimeOffset at) ? at : null))];
    }

    public Task EraseAsync(CancellationToken cancellationToken) => meter.ClearStateAsync(cancellationToken);

    private async Task<LicenseAllowance?> AllowanceAsync(CancellationToken cancellationToken)
    {
        try
        {
            return (await GrainFactory.GetGrain<ITenantLicensingGrain>(TenantId).GetLicenseUsageAsync(cancellationToken)).Allowance;
        }
        catch (CarmenException gone) when (gone.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }

    /// <summary>Tells the tenant's administrators and rules at once, rather than at the next hourly check.</summary>
    private async Task AnnounceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await GrainFactory.GetGrain<ITenantLicensesGrain>(TenantId).CheckWarningsAsync(cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogAnnounceFailed(failure, TenantId); // the hourly check announces it later
        }
    }

    private void Prune()
    {
        foreach (string old in meter.State.TelemetryPoints.Keys.OrderDescending(StringComparer.Ordinal).Skip(MonthsKept).ToList())
        {
            meter.State.TelemetryPoints.Remove(old);
            meter.State.ExhaustedAt.Remove(old);
        }
    }

    private static string MonthOf(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {TenantId} used its telemetry points for {Month}: {Used} of {Allowed} allowed; action {Action}")]
    private partial void LogExhausted(string tenantId, string month, long used, long allowed, MeterAction action);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {TenantId}: the used-up meter could not be announced now")]
    private partial void LogAnnounceFailed(Exception exception, string tenantId);
}
