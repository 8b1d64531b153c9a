namespace Carmen.Grains.Interfaces.Pki;

/// <summary>A one-time enrollment token, as shown once to whoever created it.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.EnrollmentToken")]
public sealed record EnrollmentToken([property: Id(0)] string Token, [property: Id(1)] DateTimeOffset ExpiresAt);
