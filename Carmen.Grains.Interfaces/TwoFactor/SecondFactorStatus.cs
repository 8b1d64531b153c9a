namespace Carmen.Grains.Interfaces.TwoFactor;

/// <summary>Whether an account signs in with TOTP, since when, and how many recovery codes it has left.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.SecondFactorStatus")]
public sealed record SecondFactorStatus(
    [property: Id(0)] bool Enrolled,
    [property: Id(1)] DateTimeOffset? EnrolledAt,
    [property: Id(2)] int RecoveryCodesLeft);
