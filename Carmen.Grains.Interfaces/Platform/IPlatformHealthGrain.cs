namespace Carmen.Grains.Interfaces.Platform;

/// <summary>
/// The platform's health (key 0): silos report what they observe, and a failing check raises a platform alert (in the
/// alerts of <see cref="AlertScope"/>) that clears when it recovers. Observations are idempotent: every silo may report
/// the same one.
/// </summary>
[Alias("Carmen.IPlatformHealthGrain")]
public interface IPlatformHealthGrain : IGrainWithIntegerKey
{
    /// <summary>The owner of platform alerts where a tenant id would be; no tenant id can take this form.</summary>
    const string AlertScope = "_platform";

    /// <summary>Applies what a silo observed; raises and clears platform alerts as checks start or stop failing.</summary>
    [Alias("Observe")]
    Task ObserveAsync(IReadOnlyList<HealthObservation> observations, CancellationToken cancellationToken = default);

    /// <summary>The escalation path (of the platform's own, in <see cref="AlertScope"/>) platform alerts escalate through; null for none.</summary>
    [Alias("GetEscalationPath")]
    Task<long?> GetEscalationPathAsync(CancellationToken cancellationToken = default);

    /// <summary>Sets the path later platform alerts escalate through; it must be one of the platform's paths.</summary>
    [Alias("SetEscalationPath")]
    Task SetEscalationPathAsync(long? pathId, CancellationToken cancellationToken = default);

    /// <summary>The checks failing now, with the alert each raised, by "check/subject".</summary>
    [Alias("GetFailing")]
    Task<IReadOnlyDictionary<string, string>> GetFailingAsync(CancellationToken cancellationToken = default);
}
