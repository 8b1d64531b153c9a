using Carmen.Grains.Interfaces.TwoFactor;

namespace Carmen.Api.Contracts;

/// <summary>The secret to add to an authenticator app (typed, or scanned from the otpauth URI); shown this once.</summary>
public sealed record TotpEnrollmentResponse(string Secret, string OtpAuthUri)
{
    public static TotpEnrollmentResponse From(TotpEnrollment enrollment) => new(enrollment.Secret, enrollment.OtpAuthUri);
}
