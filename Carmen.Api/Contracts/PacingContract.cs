using Carmen.Grains.Interfaces.Rollouts;

namespace Carmen.Api.Contracts;

/// <summary>At most maxPerMinute devices notified per minute; with a ramp, starting at startPerMinute and growing by factor each minute.</summary>
public sealed record PacingContract(int? MaxPerMinute = null, RampContract? Ramp = null)
{
    public static PacingContract? From(Pacing? pacing) => pacing is null
        ? null
        : new(pacing.MaxPerMinute, pacing.RampStartPerMinute is int start ? new RampContract(start, pacing.RampFactor) : null);
}
