namespace Carmen.Grains.TwoFactor;

/// <summary>An account's TOTP factor as stored (in the encrypted store): the secrets, the last time step used, the recovery code hashes.</summary>
[GenerateSerializer, Alias("Carmen.SecondFactorState")]
public sealed class SecondFactorState
{
    [Id(0)] public byte[]? Secret { get; set; }
    [Id(1)] public DateTimeOffset? EnrolledAt { get; set; }

    /// <summary>The time step of the last code accepted: that code, and any earlier one, is never accepted again.</summary>
    [Id(2)] public long LastStep { get; set; }
    [Id(3)] public List<string> RecoveryCodeHashes { get; set; } = [];

    /// <summary>A secret offered for enrolment and not yet confirmed.</summary>
    [Id(4)] public byte[]? OfferedSecret { get; set; }
}
