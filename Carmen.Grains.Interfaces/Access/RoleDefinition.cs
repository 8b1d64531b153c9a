namespace Carmen.Grains.Interfaces.Access;

/// <summary>A role: a named set of permissions, built in or the tenant's own (changing it changes every assignment of it).</summary>
[GenerateSerializer, Immutable, Alias("Carmen.RoleDefinition")]
public sealed record RoleDefinition(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] PermissionSet Permissions,
    [property: Id(3)] bool BuiltIn);
