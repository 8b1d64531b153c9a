using Carmen.Grains.Interfaces.Tenants;
using Orleans.Concurrency;

namespace Carmen.Grains.Interfaces.Posture;

/// <summary>
/// A tenant's posture checks (keyed by tenant id), in the manner of an IoT security audit: run on a schedule and on
/// demand, each finding listing its devices, raising a <c>postureFinding</c> alert event and offering its mitigation.
/// </summary>
[Alias("Carmen.ITenantPostureGrain")]
public interface ITenantPostureGrain : ITenantRecordGrain
{
    /// <summary>The tenant's settings, or the defaults when none were set.</summary>
    [Alias("GetSettings")]
    Task<PostureSettings> GetSettingsAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces the settings; the next scheduled check follows the new interval.</summary>
    [Alias("SetSettings")]
    Task<PostureSettings> SetSettingsAsync(PostureSettings settings, CancellationToken cancellationToken = default);

    /// <summary>Runs every check now and keeps the report.</summary>
    [Alias("Check")]
    Task<PostureReport> CheckAsync(CancellationToken cancellationToken = default);

    /// <summary>The latest report, or null before the first check.</summary>
    [Alias("GetReport")]
    Task<PostureReport?> GetReportAsync(CancellationToken cancellationToken = default);

    /// <summary>Keeps the tenant's scheduled checks running (a tenant's creation calls it).</summary>
    [Alias("Schedule")]
    Task ScheduleAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// A device's credential was used by a second connection from another address while the first was live
    /// (<paramref name="credential"/>: "accessToken" or "certificate {serial}"). Sent without waiting, from the connect path.
    /// </summary>
    [Alias("ReportSharedCredentials"), OneWay]
    Task ReportSharedCredentialsAsync(string deviceId, string clusterId, string credential, string firstAddress, string secondAddress, CancellationToken cancellationToken = default);
}
