using System.ComponentModel.DataAnnotations;

namespace Carmen.Api.Contracts;

/// <summary>A sign-in: a tenant's user names the tenant (usernames are unique within a tenant); a platform administrator names none.</summary>
public sealed record TokenRequest([property: Required] string Username, [property: Required] string Password, string? Tenant = null);
