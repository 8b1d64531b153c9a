using Carmen.Grains.Interfaces.Users;

namespace Carmen.Api.Contracts;

/// <summary>An administrator's change to a user: another role, a new password, or both. Either ends the user's tokens.</summary>
public sealed record ChangeUserRequest(UserRole? Role, string? Password, string? Email = null);
