using Carmen.Grains.Interfaces.TwoFactor;

namespace Carmen.Api.Contracts;

public sealed record SecondFactorStatusResponse(bool Enrolled, DateTimeOffset? EnrolledAt, int RecoveryCodesLeft)
{
    public static SecondFactorStatusResponse From(SecondFactorStatus status) => new(status.Enrolled, status.EnrolledAt, status.RecoveryCodesLeft);
}
