using System.ComponentModel.DataAnnotations;

namespace Carmen.Api.Contracts;

/// <summary>
/// A sign-in: a tenant's user names the tenant (usernames are unique within a tenant); a platform administrator names
/// none. An account with a second factor adds the current code from its app (<c>totp</c>) or one of its recovery codes.
/// </summary>
public sealed record TokenRequest(
    [property: Required] string Username, [property: Required] string Password, string? Tenant = null, string? Totp = null, string? RecoveryCode = null);
