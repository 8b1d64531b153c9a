namespace Carmen.Grains.Interfaces.Sso;

/// <summary>
/// One sign-in under way, keyed by the hash of its <c>state</c>: in memory only, taken at most once, forgotten after
/// ten minutes. A callback whose state names none (forged, replayed, too late) is refused.
/// </summary>
[Alias("Carmen.ISsoAttemptGrain")]
public interface ISsoAttemptGrain : IGrainWithStringKey
{
    /// <summary>Records the attempt.</summary>
    [Alias("Begin")]
    Task BeginAsync(SsoAttempt attempt, CancellationToken cancellationToken = default);

    /// <summary>The attempt, once; null if there is none or it was taken or has lapsed.</summary>
    [Alias("Take")]
    Task<SsoAttempt?> TakeAsync(CancellationToken cancellationToken = default);
}
