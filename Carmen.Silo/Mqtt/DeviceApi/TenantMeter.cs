using Carmen.Grains.Interfaces.Licenses;

namespace Carmen.Silo.Mqtt.DeviceApi;

/// <summary>
/// One tenant's telemetry points counted on this silo since the last report to its meter grain, and the verdict of that
/// report. Counting is an interlocked add and the verdict a field read: a message costs no call.
/// </summary>
internal sealed class TenantMeter(string tenantId)
{
    private long _unreported;
    private volatile string? _refusal;

    public string TenantId { get; } = tenantId;

    /// <summary>Why telemetry is refused now; null while it is taken.</summary>
    public string? Refusal => _refusal;

    public void Count(int points) => Interlocked.Add(ref _unreported, points);

    /// <summary>The points counted since the last report, which the caller now reports (or gives back on failure).</summary>
    public long TakeUnreported() => Interlocked.Exchange(ref _unreported, 0);

    public void GiveBack(long points) => Interlocked.Add(ref _unreported, points);

    public void Apply(MeterVerdict verdict) => _refusal = verdict.Refused ? verdict.Detail : null;
}
