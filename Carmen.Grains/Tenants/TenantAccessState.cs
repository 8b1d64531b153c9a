using Carmen.Grains.Interfaces.Access;

namespace Carmen.Grains.Tenants;

/// <summary>A tenant's access, stored beside its tree: custom roles, assignments, users' tenant-wide roles, the change record.</summary>
[GenerateSerializer, Alias("Carmen.TenantAccessState")]
public sealed class TenantAccessState
{
    /// <summary>Custom roles by id; their permissions by name, so the catalogue's bit order is never stored.</summary>
    [Id(0)] public Dictionary<string, CustomRoleState> Roles { get; set; } = [];
    [Id(1)] public List<RoleAssignment> Assignments { get; set; } = [];
    [Id(2)] public long NextAssignmentId { get; set; } = 1;

    /// <summary>Each user's tenant-wide role (the role users had before assignments), mirrored from the user grains.</summary>
    [Id(3)] public Dictionary<string, UserRoleGrant> UserRoles { get; set; } = [];

    /// <summary>False for tenants from before access control until their users' roles are mirrored here, once.</summary>
    [Id(4)] public bool UserRolesMirrored { get; set; }

    /// <summary>The most recent changes, oldest first; older ones fall off past <see cref="TenantGrain.MaxAccessChangesKept"/>.</summary>
    [Id(5)] public List<AccessChange> Changes { get; set; } = [];
    [Id(6)] public long NextChangeSequence { get; set; } = 1;

    /// <summary>Service accounts by id: principals for automation, signing in with API keys only.</summary>
    [Id(7)] public Dictionary<string, ServiceAccountState> ServiceAccounts { get; set; } = [];
}
