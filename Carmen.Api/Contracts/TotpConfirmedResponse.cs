namespace Carmen.Api.Contracts;

/// <summary>
/// The second factor is active: ten single-use recovery codes, shown this once (keep them apart from the phone), and a
/// fresh token that is no longer limited to enrolment.
/// </summary>
public sealed record TotpConfirmedResponse(IReadOnlyList<string> RecoveryCodes, string AccessToken, int ExpiresIn);
