using Carmen.Api.Contracts;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.ApiKeys;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Access;

/// <summary>
/// Who may do what where in a tenant: role assignments at the tenant, business units and clusters, custom roles,
/// who has access to a scope, a user's effective permissions, and the record of access changes.
/// </summary>
public static class AccessApi
{
    private const int DefaultChangesLimit = 100;

    /// <summary>The permission catalogue, the same for every tenant.</summary>
    public static RouteGroupBuilder MapPermissionsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/permissions", ListPermissions).WithTags("Access").WithSummary("The catalogue of permissions roles are made of.");
        return api;
    }

    public static RouteGroupBuilder MapAccessApi(this RouteGroupBuilder tenant)
    {
        RouteGroupBuilder assignments = tenant.MapGroup("/role-assignments").WithTags("Access");
        assignments.MapPost("/", AssignAsync).RequirePermissionAnywhere(Permissions.AccessManage)
            .WithSummary("Gives a user a role at the tenant, a business unit or a cluster; nobody grants more than they hold there.");
        assignments.MapGet("/", ListAssignments)
            .WithSummary("Role assignments (?userId=&scopeType=&scopeId=) at the scopes where the caller manages access or reads the audit.");
        assignments.MapDelete("/{assignmentId:long}", RemoveAssignmentAsync).RequirePermissionAnywhere(Permissions.AccessManage);

        RouteGroupBuilder roles = tenant.MapGroup("/roles").WithTags("Access");
        roles.MapGet("/", ListRolesAsync).WithSummary("The built-in roles and the tenant's custom roles.");
        roles.MapPost("/", CreateRoleAsync).RequirePermission(Permissions.AccessManage);
        roles.MapPut("/{roleId}", ChangeRoleAsync).RequirePermission(Permissions.AccessManage)
            .WithSummary("Changes a custom role's name and permissions, and so every assignment of it.");
        roles.MapDelete("/{roleId}", DeleteRoleAsync).RequirePermission(Permissions.AccessManage);

        tenant.MapGet("/access", ListHolders).WithTags("Access")
            .WithSummary("Who has access to a scope (?scopeType=&scopeId=), directly or inherited, with the assignment it comes from.");
        tenant.MapGet("/users/{username}/permissions", GetEffectivePermissions).WithTags("Access")
            .WithSummary("A user's effective permissions at a scope (?scopeType=&scopeId=) and the assignments they come from.");
        tenant.MapGet("/access-changes", ListChangesAsync).WithTags("Access")
            .WithSummary("Access changes newest first (?userId=&scopeType=&scopeId=&limit=): who gave or took what, where, when and from where.");
        return tenant;
    }

    public static Ok<IReadOnlyList<PermissionResponse>> ListPermissions() => TypedResults.Ok<IReadOnlyList<PermissionResponse>>(
    [
        .. Permissions.All.Select(name => new PermissionResponse(
            name,
            Permissions.Descriptions[name],
            [.. BuiltInRoles.All.Where(role => role.Permissions.Contains(Permissions.Of(name))).Select(role => role.Id)])),
    ]);

    public static async Task<Created<RoleAssignmentResponse>> AssignAsync([AsParameters] TenantScope scope, RoleAssignmentRequest request)
    {
        AccessScope target = AccessScopeContract.Required(request.Scope);
        scope.Access.RequireSeen(target, scope.TenantId);
        var draft = new AssignmentDraft(
            request.ServiceAccountId is string accountId ? ServiceAccounts.Principal(accountId)
                : request.UserId ?? throw CarmenException.Invalid("userId", "userId (or serviceAccountId) is required."),
            request.Role ?? throw CarmenException.Invalid("role", "role is required."),
            target,
            request.Propagate ?? true);
        RoleAssignment assignment = await Access(scope).AssignAsync(draft, scope.Actor, scope.CancellationToken);
        return TypedResults.Created($"/api/v1/tenants/{scope.TenantId}/role-assignments/{assignment.Id}", RoleAssignmentResponse.From(assignment));
    }

    public static Ok<IReadOnlyList<RoleAssignmentResponse>> ListAssignments([AsParameters] TenantScope scope, string? userId, string? scopeType, string? scopeId)
    {
        AccessScope? at = scopeType is null && scopeId is null ? null : AccessScopeContract.Parse(scopeType, scopeId, "scope");
        CallerAccess caller = scope.Access;
        return TypedResults.Ok<IReadOnlyList<RoleAssignmentResponse>>(
        [
            .. caller.Index.Assignments(userId is null ? null : Canonical(userId), at)
                .Where(assignment => MayReadAccessAt(caller, assignment.Scope))
                .OrderBy(assignment => assignment.Id)
                .Select(RoleAssignmentResponse.From),
        ]);
    }

    public static async Task<NoContent> RemoveAssignmentAsync([AsParameters] TenantScope scope, long assignmentId)
    {
        if (!scope.Access.Index.Assignments().Any(assignment => assignment.Id == assignmentId && scope.Access.Sees(assignment.Scope)))
        {
            throw CarmenException.NotFound($"Role assignment {assignmentId} does not exist.");
        }

        await Access(scope).RemoveAssignmentAsync(assignmentId, scope.Actor, scope.CancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<IReadOnlyList<RoleResponse>>> ListRolesAsync([AsParameters] TenantScope scope) =>
        TypedResults.Ok<IReadOnlyList<RoleResponse>>([.. (await Access(scope).GetRolesAsync(scope.CancellationToken)).Select(RoleResponse.From)]);

    public static async Task<Created<RoleResponse>> CreateRoleAsync([AsParameters] TenantScope scope, RoleRequest request)
    {
        string roleId = request.Id ?? throw CarmenException.Invalid("id", "A role's id is required.");
        if ((await Access(scope).GetRolesAsync(scope.CancellationToken)).Any(role => role.Id == roleId))
        {
            throw CarmenException.Conflict($"Role '{roleId}' already exists; PUT .../roles/{roleId} changes it.", "id");
        }

        RoleDefinition role = await Access(scope).PutRoleAsync(roleId, request.Name, request.Permissions, scope.Actor, scope.CancellationToken);
        return TypedResults.Created($"/api/v1/tenants/{scope.TenantId}/roles/{role.Id}", RoleResponse.From(role));
    }

    public static async Task<Ok<RoleResponse>> ChangeRoleAsync([AsParameters] TenantScope scope, string roleId, RoleRequest request)
    {
        if (!(await Access(scope).GetRolesAsync(scope.CancellationToken)).Any(role => role.Id == roleId))
        {
            throw CarmenException.NotFound($"Role '{roleId}' does not exist.");
        }

        return TypedResults.Ok(RoleResponse.From(await Access(scope).PutRoleAsync(roleId, request.Name, request.Permissions, scope.Actor, scope.CancellationToken)));
    }

    public static async Task<NoContent> DeleteRoleAsync([AsParameters] TenantScope scope, string roleId)
    {
        await Access(scope).DeleteRoleAsync(roleId, scope.Actor, scope.CancellationToken);
        return TypedResults.NoContent();
    }

    public static Ok<IReadOnlyList<AccessHolderResponse>> ListHolders([AsParameters] TenantScope scope, string? scopeType, string? scopeId)
    {
        AccessScope at = AccessScopeContract.Parse(scopeType, scopeId, "scope");
        RequireMayReadAccessAt(scope, at);
        return TypedResults.Ok<IReadOnlyList<AccessHolderResponse>>([.. scope.Access.Index.Holders(at).Select(AccessHolderResponse.From)]);
    }

    public static Ok<EffectivePermissionsResponse> GetEffectivePermissions([AsParameters] TenantScope scope, string username, string? scopeType, string? scopeId)
    {
        AccessScope at = AccessScopeContract.Parse(scopeType, scopeId, "scope");
        string user = Canonical(username);
        if (user != scope.Access.Principal)
        {
            RequireMayReadAccessAt(scope, at); // anyone may ask about themselves
        }

        AccessIndex index = scope.Access.Index;
        return TypedResults.Ok(new EffectivePermissionsResponse(
            user,
            AccessScopeContract.From(at),
            index.At(user, at).Names(),
            [.. index.Granting(user, at).Select(RoleAssignmentResponse.From)]));
    }

    public static async Task<Ok<IReadOnlyList<AccessChangeResponse>>> ListChangesAsync(
        [AsParameters] TenantScope scope, string? userId, string? scopeType, string? scopeId, int? limit)
    {
        AccessScope? at = scopeType is null && scopeId is null ? null : AccessScopeContract.Parse(scopeType, scopeId, "scope");
        RequireMayReadAccessAt(scope, at ?? AccessScope.Tenant);
        IReadOnlyList<AccessChange> changes = await Access(scope).GetChangesAsync(userId, at, limit ?? DefaultChangesLimit, scope.CancellationToken);
        return TypedResults.Ok<IReadOnlyList<AccessChangeResponse>>([.. changes.Select(AccessChangeResponse.From)]);
    }

    /// <summary>A username as tokens and assignments carry it.</summary>
    private static string Canonical(string username) => username.Trim().ToLowerInvariant();

    private static ITenantAccessGrain Access(TenantScope scope) => scope.Grain<ITenantAccessGrain>(scope.TenantId);

    /// <summary>Access at a scope is read by whoever manages it there or audits there.</summary>
    private static bool MayReadAccessAt(CallerAccess caller, AccessScope at)
    {
        PermissionSet held = caller.At(at);
        return held.Contains(Permissions.Of(Permissions.AccessManage)) || held.Contains(Permissions.Of(Permissions.AuditRead));
    }

    private static void RequireMayReadAccessAt(TenantScope scope, AccessScope at)
    {
        scope.Access.RequireSeen(at, scope.TenantId);
        if (!MayReadAccessAt(scope.Access, at))
        {
            throw CallerAccess.Refusal($"{Permissions.AccessManage}' or '{Permissions.AuditRead}", "that scope");
        }
    }
}
