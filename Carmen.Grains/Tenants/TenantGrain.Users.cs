using Carmen.Grains.Interfaces;
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
    public async Task<UserInfo> CreateUserAsync(string username, UserRole role, string password, CancellationToken cancellationToken)
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

        UserInfo user = await User(UserNames.Normalize(username))
            .CreateAsync(new UserSpec(TenantId, role, password), cancellationToken);
        state.Usernames.Add(user.Username);
        await tenant.WriteStateAsync(cancellationToken);
        return user;
    }

    public Task<UserInfo> ChangeUserAsync(string username, UserRole? role, string? newPassword, CancellationToken cancellationToken)
    {
        string normalized = UserNames.Normalize(username);
        if (!RequireExisting().Usernames.Contains(normalized))
        {
            throw CarmenException.NotFound($"User '{normalized}' does not exist.");
        }

        return role == UserRole.PlatformAdmin
            ? throw CarmenException.Invalid("role", "Platform administrators belong to no tenant.")
            : User(normalized).ChangeAsync(role, newPassword, cancellationToken);
    }

    public async Task DeleteUserAsync(string username, CancellationToken cancellationToken)
    {
        string normalized = UserNames.Normalize(username);
        if (!RequireExisting().Usernames.Contains(normalized))
        {
            throw CarmenException.NotFound($"User '{normalized}' does not exist.");
        }

        await User(normalized).DeleteAsync(cancellationToken);
        tenant.State.Usernames.Remove(normalized);
        await tenant.WriteStateAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<UserInfo>> GetUsersAsync(CancellationToken cancellationToken)
    {
        UserInfo?[] users = await Task.WhenAll(RequireExisting().Usernames.Select(username => User(username).FindAsync(cancellationToken)));
        return [.. users.OfType<UserInfo>()];
    }

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
