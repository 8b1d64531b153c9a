namespace Carmen.Grains.Interfaces.TwoFactor;

/// <summary>How a second-factor check went.</summary>
[GenerateSerializer, Alias("Carmen.SecondFactorOutcome")]
public enum SecondFactorOutcome
{
    /// <summary>A valid code, not used before, or an unused recovery code (now used up).</summary>
    Succeeded = 0,

    /// <summary>Wrong, reused, or from outside the accepted window.</summary>
    Invalid = 1,

    /// <summary>Too many wrong codes lately: refused, whatever the code, until the pause is over.</summary>
    Paused = 2,

    /// <summary>The account has no second factor.</summary>
    NotEnrolled = 3,
}
