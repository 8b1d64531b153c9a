using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.ApiKeys;
using Carmen.Grains.Interfaces.Users;
using Carmen.Grains.Users;
using Microsoft.Extensions.Logging;

namespace Carmen.Grains.Tenants;

/// <summary>
/// A tenant's access: custom roles, role assignments at the tenant, its business units and clusters, and the record of
/// each change. Every change moves the access version, which each request already reads from this grain with the
/// tenant's status, so every node decides from the new assignments on its next request.
/// </summary>
public sealed partial class TenantGrain : ITenantAccessGrain
{
    internal const int MaxAccessChangesKept = 10_000;
    private const int MaxRoleNameLength = 200;
    private const int MaxCustomRoles = 200;
    private const string System = "system";

    // A fresh epoch per activation: a version cached by a node never matches a later activation's by accident.
    private readonly string _accessEpoch = Guid.NewGuid().ToString("N")[..12];
    private long _accessRevision;
    private AccessIndex? _accessIndex;
    private List<AccessChange> _unannounced = [];

    private string AccessVersion => $"{_accessEpoch}.{_accessRevision}";

    private AccessIndex Access => _accessIndex ??= Snapshot().ToIndex();

    public Task<AccessSnapshot> GetAccessSnapshotAsync(CancellationToken cancellationToken)
    {
        RequireExisting();
        return Task.FromResult(Snapshot());
    }

    public Task<IReadOnlyList<RoleDefinition>> GetRolesAsync(CancellationToken cancellationToken)
    {
        RequireExisting();
        return Task.FromResult(Roles());
    }

    public async Task<RoleDefinition> PutRoleAsync(string roleId, string? name, IReadOnlyList<string>? permissions, AccessActor actor, CancellationToken cancellationToken)
    {
        RequireExisting();
        Identifiers.RequireSlug(roleId, "id");
        if (BuiltInRoles.All.Any(role => role.Id == roleId))
        {
            throw CarmenException.Conflict($"'{roleId}' is a built-in role; built-in roles cannot be changed.", "id");
        }

        string roleName = name?.Trim() is { Length: > 0 and <= MaxRoleNameLength } trimmed
            ? trimmed
            : throw CarmenException.Invalid("name", $"A role's name is 1 to {MaxRoleNameLength} characters.");
        PermissionSet set = permissions is { Count: > 0 }
            ? Permissions.Of(permissions)
            : throw CarmenException.Invalid("permissions", "A role holds at least one permission; GET /api/v1/permissions lists them.");
        // Changing a role changes every assignment of it: only someone who could grant it tenant-wide may.
        RequireCanGrant(actor, set, AccessScope.Tenant);
        bool exists = accessState.State.Roles.ContainsKey(roleId);
        if (!exists && accessState.State.Roles.Count >= MaxCustomRoles)
        {
            throw CarmenException.Conflict($"A tenant has at most {MaxCustomRoles} custom roles.");
        }

        accessState.State.Roles[roleId] = new CustomRoleState { Name = roleName, Permissions = [.. set.Names()] };
        Record(AccessChangeKind.RoleDefined, actor, null, roleId, null, null, string.Join(' ', set.Names()));
        await SaveAccessAsync(cancellationToken);
        return Roles().First(role => role.Id == roleId);
    }

    public async Task DeleteRoleAsync(string roleId, AccessActor actor, CancellationToken cancellationToken)
    {
        RequireExisting();
        RoleDefinition role = Roles().FirstOrDefault(role => role.Id == roleId && !role.BuiltIn)
            ?? throw CarmenException.NotFound($"Custom role '{roleId}' does not exist.");
        RequireCanGrant(actor, role.Permissions, AccessScope.Tenant);
        int holders = accessState.State.Assignments.Count(assignment => assignment.RoleId == roleId);
        if (holders > 0)
        {
            throw CarmenException.Conflict($"Role '{roleId}' is still assigned {holders} time(s); remove those assignments first.");
        }

        accessState.State.Roles.Remove(roleId);
        Record(AccessChangeKind.RoleDeleted, actor, null, roleId, null, null);
        await SaveAccessAsync(cancellationToken);
    }

    public async Task<RoleAssignment> AssignAsync(AssignmentDraft draft, AccessActor actor, CancellationToken cancellationToken)
    {
        TenantState state = RequireExisting();
        string principal = ServiceAccounts.IdOf(draft.Principal ?? "") is string accountId
            ? accessState.State.ServiceAccounts.ContainsKey(accountId)
                ? draft.Principal!
                : throw CarmenException.Invalid("serviceAccountId", $"Tenant '{TenantId}' has no service account '{accountId}'.")
            : UserNames.Normalize(draft.Principal ?? "");
        if (ServiceAccounts.IdOf(principal) is null && !state.Usernames.Contains(principal))
        {
            throw CarmenException.Invalid("userId", $"Tenant '{TenantId}' has no user '{draft.Principal}'.");
        }

        AccessScope scope = RequireScope(draft.Scope);
        RoleDefinition role = await CheckGrantAsync(draft.RoleId, scope, actor, cancellationToken);
        if (accessState.State.Assignments.Any(held => held.Principal == principal && held.RoleId == role.Id && held.Scope == scope && held.Propagate == draft.Propagate))
        {
            throw CarmenException.Conflict($"User '{principal}' already has role '{role.Id}' at that scope.");
        }

        RequireUnitUserSeat(state, principal, scope);
        var assignment = new RoleAssignment(accessState.State.NextAssignmentId++, principal, role.Id, scope, draft.Propagate, time.GetUtcNow(), actor.Name);
        accessState.State.Assignments.Add(assignment);
        Record(AccessChangeKind.Granted, actor, principal, role.Id, scope, assignment.Id, draft.Propagate ? null : "this node only");
        await SaveAccessAsync(cancellationToken);
        LogAccessGranted(TenantId, principal, role.Id, scope.Type, scope.Id, actor.Name);
        return assignment;
    }

    public Task<RoleDefinition> CheckGrantAsync(string roleId, AccessScope scope, AccessActor actor, CancellationToken cancellationToken)
    {
        RequireExisting();
        RoleDefinition role = Roles().FirstOrDefault(role => role.Id == roleId)
            ?? throw CarmenException.Invalid("role", $"Tenant '{TenantId}' has no role '{roleId}'; GET .../roles lists them.");
        RequireCanGrant(actor, role.Permissions, RequireScope(scope));
        return Task.FromResult(role);
    }

    public async Task SyncAssignmentsAsync(string principal, string source, IReadOnlyList<AssignmentDraft> desired, CancellationToken cancellationToken)
    {
        RequireExisting();
        var actor = new AccessActor(source, PlatformAdmin: true, Address: null);
        List<RoleAssignment> held = [.. accessState.State.Assignments.Where(assignment => assignment.Principal == principal && assignment.GrantedBy == source)];
        bool changed = false;
        foreach (RoleAssignment stale in held.Where(assignment => !desired.Any(draft => Same(draft, assignment))))
        {
            accessState.State.Assignments.Remove(stale);
            Record(AccessChangeKind.Removed, actor, principal, stale.RoleId, stale.Scope, stale.Id, "no longer given by the identity provider");
            changed = true;
        }

        foreach (AssignmentDraft draft in desired.Where(draft => !held.Any(assignment => Same(draft, assignment))).DistinctBy(draft => (draft.RoleId, draft.Scope, draft.Propagate)))
        {
            if (Roles().All(role => role.Id != draft.RoleId) || !ScopeExists(draft.Scope))
            {
                continue; // a mapping to a role or node removed since: it gives nothing
            }

            var assignment = new RoleAssignment(accessState.State.NextAssignmentId++, principal, draft.RoleId, draft.Scope, draft.Propagate, time.GetUtcNow(), source);
            accessState.State.Assignments.Add(assignment);
            Record(AccessChangeKind.Granted, actor, principal, draft.RoleId, draft.Scope, assignment.Id, "given by the identity provider");
            changed = true;
        }

        if (changed)
        {
            await SaveAccessAsync(cancellationToken);
        }
    }

    public async Task<RoleAssignment> RemoveAssignmentAsync(long assignmentId, AccessActor actor, CancellationToken cancellationToken)
    {
        RequireExisting();
        RoleAssignment assignment = accessState.State.Assignments.FirstOrDefault(held => held.Id == assignmentId)
            ?? throw CarmenException.NotFound($"Role assignment {assignmentId} does not exist.");
        RoleDefinition? role = Roles().FirstOrDefault(role => role.Id == assignment.RoleId);
        RequireCanGrant(actor, role?.Permissions ?? PermissionSet.None, assignment.Scope);
        accessState.State.Assignments.Remove(assignment);
        Record(AccessChangeKind.Removed, actor, assignment.Principal, assignment.RoleId, assignment.Scope, assignment.Id);
        await SaveAccessAsync(cancellationToken);
        LogAccessRemoved(TenantId, assignment.Principal, assignment.RoleId, assignment.Scope.Type, assignment.Scope.Id, actor.Name);
        return assignment;
    }

    public Task<IReadOnlyList<AccessChange>> GetChangesAsync(string? principal, AccessScope? scope, int limit, CancellationToken cancellationToken)
    {
        RequireExisting();
        if (limit is < 1 or > 1000)
        {
            throw CarmenException.Invalid("limit", "limit is 1 to 1000.");
        }

        string? user = principal is null ? null : UserNames.Normalize(principal);
        IReadOnlyList<AccessChange> changes =
        [
            .. Enumerable.Reverse(accessState.State.Changes)
                .Where(change => (user is null || change.Principal == user) && (scope is null || change.Scope == scope))
                .Take(limit),
        ];
        return Task.FromResult(changes);
    }

    /// <summary>Refuses an actor who does not manage access at the scope or lacks a permission it would give.</summary>
    private void RequireCanGrant(AccessActor? actor, PermissionSet permissions, AccessScope scope)
    {
        if (actor is not null && !actor.PlatformAdmin && !Access.CanGrant(actor.Name, permissions, scope))
        {
            throw CarmenException.Forbidden(
                $"'{actor.Name}' may not give or take that access at {scope.Describe()}: it takes access.manage there and every permission given.");
        }
    }

    /// <summary>A user's tenant-wide role changed (created, changed, deleted): the mirror, the record and the version follow.</summary>
    private void MirrorUserRole(string username, UserRole? role, AccessActor? actor)
    {
        if (role is UserRole newRole)
        {
            accessState.State.UserRoles[username] = new UserRoleGrant(newRole, time.GetUtcNow(), actor?.Name ?? System);
        }
        else
        {
            accessState.State.UserRoles.Remove(username);
            foreach (RoleAssignment assignment in accessState.State.Assignments.Where(held => held.Principal == username).ToList())
            {
                accessState.State.Assignments.Remove(assignment);
                Record(AccessChangeKind.Removed, actor, username, assignment.RoleId, assignment.Scope, assignment.Id, "with the user");
            }
        }

        Record(AccessChangeKind.UserRoleChanged, actor, username, role is UserRole given ? BuiltInRoleOf(given) ?? "member" : "none", AccessScope.Tenant, null);
    }

    /// <summary>Assignments at a removed business unit or cluster go with it.</summary>
    private void RemoveAssignmentsAt(AccessScope scope)
    {
        foreach (RoleAssignment assignment in accessState.State.Assignments.Where(held => held.Scope == scope).ToList())
        {
            accessState.State.Assignments.Remove(assignment);
            Record(AccessChangeKind.Removed, null, assignment.Principal, assignment.RoleId, scope, assignment.Id, $"with {scope.Describe()}");
        }
    }

    /// <summary>Users of a tenant from before access control get their roles mirrored here, once.</summary>
    private async Task MirrorUserRolesAsync(CancellationToken cancellationToken)
    {
        UserInfo?[] users = await Task.WhenAll(tenant.State.Usernames.Select(username => User(username).FindAsync(cancellationToken)));
        foreach (UserInfo user in users.OfType<UserInfo>())
        {
            accessState.State.UserRoles[user.Username] = new UserRoleGrant(user.Role, user.CreatedAt, System);
        }

        accessState.State.UserRolesMirrored = true;
        await accessState.WriteStateAsync(cancellationToken);
    }

    /// <summary>Any change of the tree, the users' roles or the assignments: the index is rebuilt and the version moves.</summary>
    private void AccessChanged()
    {
        _accessIndex = null;
        _accessRevision++;
    }

    /// <summary>Stores the access changes, then tells the users they are about (one-way: the mail never holds the change up).</summary>
    private async Task SaveAccessAsync(CancellationToken cancellationToken)
    {
        AccessChanged();
        await accessState.WriteStateAsync(cancellationToken);
        if (_unannounced.Count > 0)
        {
            (List<AccessChange> changes, _unannounced) = (_unannounced, []);
            await GrainFactory.GetGrain<IAccessNotifierGrain>(TenantId).NotifyAsync(changes);
        }
    }

    private AccessSnapshot Snapshot() => new(
        AccessVersion,
        tenant.State.Clusters.ToDictionary(cluster => cluster.Key, cluster => cluster.Value.BusinessUnitId, StringComparer.Ordinal),
        Roles(),
        [.. UserRoleAssignments(), .. accessState.State.Assignments]);

    private IReadOnlyList<RoleDefinition> Roles() =>
    [
        .. BuiltInRoles.All,
        .. accessState.State.Roles.OrderBy(role => role.Key, StringComparer.Ordinal)
            .Select(role => new RoleDefinition(role.Key, role.Value.Name, Permissions.Of(role.Value.Permissions), BuiltIn: false)),
    ];

    /// <summary>Users' tenant-wide roles as assignments (id 0: they change with the user, not on their own).</summary>
    private IEnumerable<RoleAssignment> UserRoleAssignments() =>
        from user in accessState.State.UserRoles
        let roleId = BuiltInRoleOf(user.Value.Role)
        where roleId is not null
        select new RoleAssignment(0, user.Key, roleId, AccessScope.Tenant, Propagate: true, user.Value.Since, user.Value.By);

    private static string? BuiltInRoleOf(UserRole role) => role switch
    {
        UserRole.TenantAdmin => BuiltInRoles.TenantAdmin.Id,
        UserRole.Operator => BuiltInRoles.Operator.Id,
        UserRole.Viewer => BuiltInRoles.Viewer.Id,
        _ => null,
    };

    private AccessScope RequireScope(AccessScope? scope) => scope switch
    {
        null => throw CarmenException.Invalid("scope", "A scope is required: {\"type\":\"tenant|businessUnit|cluster\",\"id\"}."),
        { Type: ScopeType.Tenant } => AccessScope.Tenant,
        { Type: ScopeType.BusinessUnit, Id: string id } when tenant.State.BusinessUnitNames.ContainsKey(id) => scope,
        { Type: ScopeType.Cluster, Id: string id } when tenant.State.Clusters.ContainsKey(id) => scope,
        _ => throw CarmenException.Invalid("scope.id", $"Tenant '{TenantId}' has no {scope.Describe()}."),
    };

    private static bool Same(AssignmentDraft draft, RoleAssignment assignment) =>
        draft.RoleId == assignment.RoleId && draft.Scope == assignment.Scope && draft.Propagate == assignment.Propagate;

    private bool ScopeExists(AccessScope scope) => scope.Type switch
    {
        ScopeType.Tenant => true,
        ScopeType.BusinessUnit => tenant.State.BusinessUnitNames.ContainsKey(scope.Id ?? ""),
        _ => tenant.State.Clusters.ContainsKey(scope.Id ?? ""),
    };


    private void Record(AccessChangeKind kind, AccessActor? actor, string? principal, string roleId, AccessScope? scope, long? assignmentId, string? detail = null)
    {
        List<AccessChange> changes = accessState.State.Changes;
        var change = new AccessChange(
            accessState.State.NextChangeSequence++, time.GetUtcNow(), kind, actor?.Name ?? System, actor?.Address, principal, roleId, scope, assignmentId, detail);
        changes.Add(change);
        if (principal is not null)
        {
            _unannounced.Add(change);
        }

        if (changes.Count > MaxAccessChangesKept)
        {
            changes.RemoveRange(0, changes.Count - MaxAccessChangesKept);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId}: {Principal} given {RoleId} at {ScopeType} {ScopeId} by {Actor}")]
    private partial void LogAccessGranted(string tenantId, string principal, string roleId, ScopeType scopeType, string? scopeId, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId}: {Principal} no longer {RoleId} at {ScopeType} {ScopeId}, by {Actor}")]
    private partial void LogAccessRemoved(string tenantId, string principal, string roleId, ScopeType scopeType, string? scopeId, string actor);
}
