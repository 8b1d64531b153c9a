using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.Users;
using Carmen.Grains.Users;
using Microsoft.Extensions.Logging;

namespace Carmen.Grains.Tenants;

/// <summary>
/// A tenant's users: keyed under the tenant (<see cref="UserKeys"/>), created within its user limit, changed and
/// deleted only through it, and moved under its key once when they date from when usernames were global.
/// </summary>
public sealed partial class TenantGrain
{
    public async Task<UserInfo> CreateUserAsync(string username, UserRole role, string password, AccessActor? actor, string? email, CancellationToken cancellationToken)
    {
        TenantState state = RequireActive();
        if (role == UserRole.PlatformAdmin)
        {
            throw CarmenException.Invalid("role", "Platform administrators belong to no tenant.");
        }

        if (state.Limits.MaxUsers is int max && state.Usernames.Count >= max)
        {
            throw CarmenException.Conflict($"The tenant's user limit of {max} is reached.");
        }

        RequireUserSeat(state, pendingInvitations: 0);

        RequireCanGrantUserRole(actor, role);
        UserInfo user = await User(UserNames.Normalize(username))
            .CreateAsync(new UserSpec(TenantId, role, password, email), cancellationToken);
        state.Usernames.Add(user.Username);
        NotePeak();
        await tenant.WriteStateAsync(cancellationToken);
        MirrorUserRole(user.Username, role, actor);
        await SaveAccessAsync(cancellationToken);
        return user;
    }

    public async Task<UserInfo> ChangeUserAsync(string username, UserRole? role, string? newPassword, AccessActor? actor, CancellationToken cancellationToken)
    {
        string normalized = UserNames.Normalize(username);
        if (!RequireExisting().Usernames.Contains(normalized))
        {
            throw CarmenException.NotFound($"User '{normalized}' does not exist.");
        }

        if (role == UserRole.PlatformAdmin)
        {
            throw CarmenException.Invalid("role", "Platform administrators belong to no tenant.");
        }

        UserRole? before = accessState.State.UserRoles.GetValueOrDefault(normalized)?.Role;
        if (role is UserRole newRole && newRole != before)
        {
            // Taking a role away is changing access too: the actor must be able to give both.
            RequireCanGrantUserRole(actor, newRole);
            RequireCanGrantUserRole(actor, before ?? UserRole.Member);
        }

        UserInfo user = await User(normalized).ChangeAsync(role, newPassword, cancellationToken);
        if (role is UserRole changed && changed != before)
        {
            MirrorUserRole(normalized, changed, actor);
            await SaveAccessAsync(cancellationToken);
        }

        return user;
    }

    public async Task DeleteUserAsync(string username, AccessActor? actor, CancellationToken cancellationToken)
    {
        string normalized = UserNames.Normalize(username);
        if (!RequireExisting().Usernames.Contains(normalized))
        {
            throw CarmenException.NotFound($"User '{normalized}' does not exist.");
        }

        RequireCanGrantUserRole(actor, accessState.State.UserRoles.GetValueOrDefault(normalized)?.Role ?? UserRole.Member);
        await User(normalized).DeleteAsync(cancellationToken);
        tenant.State.Usernames.Remove(normalized);
        await tenant.WriteStateAsync(cancellationToken);
        MirrorUserRole(normalized, null, actor);
        await SaveAccessAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<UserInfo>> GetUsersAsync(CancellationToken cancellationToken)
    {
        UserInfo?[] users = await Task.WhenAll(RequireExisting().Usernames.Select(username => User(username).FindAsync(cancellationToken)));
        return [.. users.OfType<UserInfo>()];
    }

    /// <summary>A tenant-wide role is a tenant-wide assignment: whoever gives or takes it must be able to grant it there.</summary>
    private void RequireCanGrantUserRole(AccessActor? actor, UserRole role) =>
        RequireCanGrant(actor, BuiltInRoleOf(role) is string roleId ? Roles().First(known => known.Id == roleId).Permissions : PermissionSet.None, AccessScope.Tenant);

    private IUserGrain User(string username) => GrainFactory.GetGrain<IUserGrain>(UserKeys.Of(TenantId, username));

    /// <summary>Users made when usernames were global move under the tenant's key, once, before anyone asks for them.</summary>
    private async Task MoveUsersUnderTenantAsync(CancellationToken cancellationToken)
    {
        foreach (string username in tenant.State.Usernames)
        {
            await GrainFactory.GetGrain<IUserHandOver>(UserKeys.Of(TenantId, username)).TakeOverAsync(username, cancellationToken);
        }

        tenant.State.UsersKeyedByTenant = true;
        await tenant.WriteStateAsync(cancellationToken);
        LogUsersMoved(TenantId, tenant.State.Usernames.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId}: {Count} user(s) moved under the tenant's key")]
    private partial void LogUsersMoved(string tenantId, int count);
}
