namespace Carmen.Grains.Interfaces.TwoFactor;

/// <summary>
/// An account's TOTP second factor (RFC 6238: SHA-1, 6 digits, 30 s), keyed like the user (<see cref="Users.UserKeys"/>).
/// Its secret is stored encrypted and leaves the grain only once, at enrolment; recovery codes are stored hashed.
/// </summary>
[Alias("Carmen.ISecondFactorGrain")]
public interface ISecondFactorGrain : IGrainWithStringKey
{
    /// <summary>A new secret to enrol (replacing one offered earlier and not confirmed); the active one, if any, stays until confirmation.</summary>
    [Alias("BeginEnrollment")]
    Task<TotpEnrollment> BeginEnrollmentAsync(string issuer, string accountName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Confirms the offered secret with a first code from the app; it becomes the account's factor, and ten recovery
    /// codes are returned, this once. Refused with a validation error on "code" when the code does not match.
    /// </summary>
    [Alias("ConfirmEnrollment")]
    Task<IReadOnlyList<string>> ConfirmEnrollmentAsync(string code, CancellationToken cancellationToken = default);

    /// <summary>Checks a code from the app, or a recovery code, at sign-in.</summary>
    [Alias("Verify")]
    Task<SecondFactorOutcome> VerifyAsync(string? code, string? recoveryCode, CancellationToken cancellationToken = default);

    /// <summary>Whether the account has a second factor, since when, and its recovery codes left.</summary>
    [Alias("GetStatus")]
    Task<SecondFactorStatus> GetStatusAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes the factor and its recovery codes (its owner proved the password, or an administrator reset it).</summary>
    [Alias("Remove")]
    Task RemoveAsync(CancellationToken cancellationToken = default);
}
