namespace Carmen.Grains.Interfaces.TwoFactor;

/// <summary>A TOTP secret offered for enrolment: base32 for typing, and the otpauth:// URI authenticator apps scan.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.TotpEnrollment")]
public sealed record TotpEnrollment(
    [property: Id(0)] string Secret,
    [property: Id(1)] string OtpAuthUri);
