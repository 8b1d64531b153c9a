using Carmen.Grains.Interfaces.Access;

namespace Carmen.Api.Contracts;

public sealed record RoleResponse(string Id, string Name, IReadOnlyList<string> Permissions, bool BuiltIn)
{
    public static RoleResponse From(RoleDefinition role) => new(role.Id, role.Name, role.Permissions.Names(), role.BuiltIn);
}
