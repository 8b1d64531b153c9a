using System.ComponentModel.DataAnnotations;

namespace Carmen.Api.Contracts;

/// <summary>A signed-in user's change of their own password.</summary>
public sealed record ChangePasswordRequest([property: Required] string CurrentPassword, [property: Required] string NewPassword);
