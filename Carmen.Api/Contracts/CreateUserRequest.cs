using System.ComponentModel.DataAnnotations;
using Carmen.Grains.Interfaces.Users;

namespace Carmen.Api.Contracts;

public sealed record CreateUserRequest(
    [property: Required] string Username,
    [property: Required] string Password,
    [property: Required] UserRole? Role,
    string? Email = null);
