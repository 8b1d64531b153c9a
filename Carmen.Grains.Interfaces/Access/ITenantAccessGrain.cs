namespace Carmen.Grains.Interfaces.Access;

/// <summary>
/// A tenant's access: its custom roles, the role assignments of its users at the tenant, its business units and
/// clusters, and the record of every change. Keyed by tenant id (the tenant grain keeps it, beside the tree and users
/// it is about). Nodes decide from an <see cref="AccessSnapshot"/>, fetched again only when the tenant's access version moves.
/// </summary>
[Alias("Carmen.ITenantAccessGrain")]
public interface ITenantAccessGrain : IGrainWithStringKey
{
    /// <summary>The tree, roles and assignments as of now, with their version.</summary>
    [Alias("GetAccessSnapshot")]
    Task<AccessSnapshot> GetAccessSnapshotAsync(CancellationToken cancellationToken = default);

    /// <summary>The built-in roles and the tenant's own.</summary>
    [Alias("GetRoles")]
    Task<IReadOnlyList<RoleDefinition>> GetRolesAsync(CancellationToken cancellationToken = default);

    /// <summary>Defines a custom role, or changes its name and permissions (and so every assignment of it).</summary>
    [Alias("PutRole")]
    Task<RoleDefinition> PutRoleAsync(string roleId, string? name, IReadOnlyList<string>? permissions, AccessActor actor, CancellationToken cancellationToken = default);

    /// <summary>Deletes a custom role that nobody holds any more.</summary>
    [Alias("DeleteRole")]
    Task DeleteRoleAsync(string roleId, AccessActor actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Gives a user a role at a scope. Refused when the actor does not manage access at that scope or does not hold
    /// every permission of the role there: nobody grants more than they have.
    /// </summary>
    [Alias("Assign")]
    Task<RoleAssignment> AssignAsync(AssignmentDraft draft, AccessActor actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// The role, when the actor may give it at the scope (the role and scope exist, and the rule of
    /// <see cref="AssignAsync"/> holds); refused otherwise. Nothing changes: for invitations, checked before they are sent.
    /// </summary>
    [Alias("CheckGrant")]
    Task<RoleDefinition> CheckGrantAsync(string roleId, AccessScope scope, AccessActor actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes the principal's assignments granted by <paramref name="source"/> (a provider's role mappings) exactly
    /// <paramref name="desired"/>: missing ones are added, ones no longer desired removed, others left alone. The
    /// source's right to give them was checked when it was configured.
    /// </summary>
    [Alias("SyncAssignments")]
    Task SyncAssignmentsAsync(string principal, string source, IReadOnlyList<AssignmentDraft> desired, CancellationToken cancellationToken = default);

    /// <summary>Removes an assignment, under the same rule as giving it.</summary>
    [Alias("RemoveAssignment")]
    Task<RoleAssignment> RemoveAssignmentAsync(long assignmentId, AccessActor actor, CancellationToken cancellationToken = default);

    /// <summary>The access changes, newest first, of one principal and/or at one scope.</summary>
    [Alias("GetChanges")]
    Task<IReadOnlyList<AccessChange>> GetChangesAsync(string? principal, AccessScope? scope, int limit, CancellationToken cancellationToken = default);
}
