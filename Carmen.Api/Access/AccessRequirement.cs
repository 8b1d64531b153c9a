using Carmen.Grains.Interfaces.Access;

namespace Carmen.Api.Access;

/// <summary>Endpoint metadata: the permission a tenant route needs, and where (<see cref="Tenants.TenantGate"/> enforces it).</summary>
public sealed record AccessRequirement(string Name, PermissionTarget Target)
{
    public PermissionSet Set { get; } = Permissions.Of(Name);
}
