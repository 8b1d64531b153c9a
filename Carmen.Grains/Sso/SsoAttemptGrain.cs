using Carmen.Grains.Interfaces.Sso;

namespace Carmen.Grains.Sso;

/// <summary>One sign-in under way, in memory: a lost silo only means signing in again. Gone once taken or after ten minutes.</summary>
[GrainType("sso-attempt")]
public sealed class SsoAttemptGrain(TimeProvider time) : Grain, ISsoAttemptGrain
{
    private static readonly TimeSpan s_lifetime = TimeSpan.FromMinutes(10);

    private SsoAttempt? _attempt;
    private DateTimeOffset _expires;

    public Task BeginAsync(SsoAttempt attempt, CancellationToken cancellationToken)
    {
        (_attempt, _expires) = (attempt, time.GetUtcNow() + s_lifetime);
        DelayDeactivation(s_lifetime);
        return Task.CompletedTask;
    }

    public Task<SsoAttempt?> TakeAsync(CancellationToken cancellationToken)
    {
        SsoAttempt? attempt = time.GetUtcNow() < _expires ? _attempt : null;
        _attempt = null;
        DeactivateOnIdle();
        return Task.FromResult(attempt);
    }
}
