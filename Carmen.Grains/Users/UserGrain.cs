using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.ApiKeys;
using Carmen.Grains.Interfaces.TwoFactor;
using Carmen.Grains.Interfaces.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Carmen.Grains.Users;

/// <summary>
/// One operator account. Not reentrant, so concurrent sign-ins are counted one at a time and lockout cannot be raced.
/// Password hashing (PBKDF2, ASP.NET Core Identity's hasher) runs on the thread pool, off the grain scheduler.
/// </summary>
[GrainType("user")]
public sealed partial class UserGrain(
    [PersistentState("user", StorageNames.Users)] IPersistentState<UserState> user,
    IPasswordHasher<UserState> hasher,
    IOptions<SignInLockoutOptions> lockout,
    TimeProvider time,
    ILogger<UserGrain> logger) : Grain, IUserGrain, IUserHandOver
{
    private const int KnownAddressesKept = 5;

    // Unknown users are checked against this hash too, so response time does not tell whether a username exists.
    private static readonly Lazy<string> s_decoyHash = new(() => new PasswordHasher<UserState>().HashPassword(new UserState(), "decoy-password"));

    private int _decoyFailures;
    private DateTimeOffset? _decoyLockedUntil;

    private string Username => UserKeys.Parse(this.GetPrimaryKeyString()).Username;

    private string? KeyTenantId => UserKeys.Parse(this.GetPrimaryKeyString()).TenantId;

    /// <summary>
    /// An account counts only under the key of its own tenant: a copy left under a bare name by an interrupted move
    /// (<see cref="TakeOverAsync"/>) is nobody's.
    /// </summary>
    private bool Exists => user.RecordExists && user.State.TenantId == KeyTenantId;

    public async Task<UserInfo> CreateAsync(UserSpec spec, CancellationToken cancellationToken)
    {
        if (spec.TenantId != KeyTenantId)
        {
            throw new ArgumentException($"A user of tenant '{spec.TenantId}' is keyed {UserKeys.Of(spec.TenantId, Username)}, not {this.GetPrimaryKeyString()}.", nameof(spec));
        }

        if (user.RecordExists)
        {
            throw CarmenException.Conflict($"Username '{Username}' is taken.", "username");
        }

        PasswordPolicy.Require(spec.Password, Username);

        var state = new UserState
        {
            TenantId = spec.TenantId, Role = spec.Role, CreatedAt = time.GetUtcNow(), SecurityStamp = NewStamp(), Email = UserEmails.Valid(spec.Email),
        };
        state.PasswordHash = await Task.Run(() => hasher.HashPassword(state, spec.Password), cancellationToken);
        user.State = state;
        await user.WriteStateAsync(cancellationToken);
        LogUserCreated(Username, spec.TenantId, spec.Role);
        return ToInfo();
    }

    public Task<UserInfo?> FindAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Exists ? ToInfo() : null);

    public Task<UserAccess?> GetAccessAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Exists ? new UserAccess(user.State.SecurityStamp, user.State.Role, user.State.TenantId) : null);

    public async Task<SignInDecision> SignInAsync(string password, string? address, CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        if (!Exists)
        {
            // An unknown name is checked, counted and locked like a real one (in memory only), so neither the answers
            // nor their timing tell anyone which names exist.
            if (_decoyLockedUntil > now)
            {
                return Record(new SignInDecision(SignInOutcome.LockedOut, null, _decoyLockedUntil));
            }

            await Task.Run(() => hasher.VerifyHashedPassword(new UserState(), s_decoyHash.Value, password), cancellationToken);
            (_decoyFailures, _decoyLockedUntil) = AfterFailure(_decoyFailures, now);
            return Record(Failed(_decoyLockedUntil));
        }

        // A lockout others caused does not keep the user out where the user usually signs in from.
        UserState state = user.State;
        bool usualAddress = address is not null && state.KnownAddresses.Contains(address);
        if (state.LockedUntil > now && !usualAddress)
        {
            return Record(new SignInDecision(SignInOutcome.LockedOut, null, state.LockedUntil));
        }

        PasswordVerificationResult verification =
            await Task.Run(() => hasher.VerifyHashedPassword(state, state.PasswordHash, password), cancellationToken);
        if (verification == PasswordVerificationResult.Failed)
        {
            return Record(await CountFailureAsync(state, now, cancellationToken));
        }

        bool changed = verification == PasswordVerificationResult.SuccessRehashNeeded || state.FailedAttempts > 0
            || (state.LockedUntil is not null && state.LockedUntil <= now) || (address is not null && !IsLatest(state, address));
        if (verification == PasswordVerificationResult.SuccessRehashNeeded)
        {
            state.PasswordHash = await Task.Run(() => hasher.HashPassword(state, password), cancellationToken);
        }

        if (changed)
        {
            state.FailedAttempts = 0;
            state.LockedUntil = state.LockedUntil > now ? state.LockedUntil : null; // a lock in force stays for everyone else
            Remember(state, address);
            await user.WriteStateAsync(cancellationToken);
        }

        return Record(new SignInDecision(SignInOutcome.Succeeded, ToInfo(), null, state.SecurityStamp));
    }

    public async Task<UserInfo> ChangeAsync(UserRole? role, string? newPassword, CancellationToken cancellationToken)
    {
        if (!Exists)
        {
            throw CarmenException.NotFound($"User '{Username}' does not exist.");
        }

        UserState state = user.State;
        if (newPassword is not null)
        {
            await SetPasswordAsync(state, newPassword, cancellationToken);
        }
        else if (role is null || role == state.Role)
        {
            return ToInfo();
        }

        state.Role = role ?? state.Role;
        state.SecurityStamp = NewStamp();
        await user.WriteStateAsync(cancellationToken);
        LogUserChanged(Username, state.TenantId, state.Role, newPassword is not null);
        return ToInfo();
    }

    public async Task<UserInfo> SetEmailAsync(string? email, CancellationToken cancellationToken)
    {
        if (!Exists)
        {
            throw CarmenException.NotFound($"User '{Username}' does not exist.");
        }

        user.State.Email = email is { Length: 0 } ? null : UserEmails.Valid(email);
        await user.WriteStateAsync(cancellationToken);
        return ToInfo();
    }

    public async Task<SignInDecision> ChangePasswordAsync(string currentPassword, string newPassword, string? address, CancellationToken cancellationToken)
    {
        PasswordPolicy.Require(newPassword, Username, "newPassword");
        SignInDecision check = await SignInAsync(currentPassword, address, cancellationToken);
        if (check.Outcome != SignInOutcome.Succeeded)
        {
            return check;
        }

        await SetPasswordAsync(user.State, newPassword, cancellationToken);
        user.State.SecurityStamp = NewStamp();
        await user.WriteStateAsync(cancellationToken);
        LogUserChanged(Username, user.State.TenantId, user.State.Role, passwordChanged: true);
        return check with { SecurityStamp = user.State.SecurityStamp };
    }

    public async Task TakeOverAsync(string formerKey, CancellationToken cancellationToken)
    {
        if (user.RecordExists || KeyTenantId is not string tenantId)
        {
            return;
        }

        IUserHandOver former = GrainFactory.GetGrain<IUserHandOver>(formerKey);
        if (await former.HandOverAsync(tenantId, cancellationToken) is not UserState state)
        {
            return;
        }

        // Written here before it is forgotten there: a crash in between leaves a copy under the old key, which no
        // sign-in reaches (a name alone signs in platform administrators only), never a lost account.
        user.State = state;
        await user.WriteStateAsync(cancellationToken);
        await former.ForgetAsync(cancellationToken);
        LogMoved(formerKey, tenantId);
    }

    public Task<UserState?> HandOverAsync(string tenantId, CancellationToken cancellationToken) =>
        Task.FromResult(user.RecordExists && KeyTenantId is null && user.State.TenantId == tenantId ? user.State : null);

    public Task ForgetAsync(CancellationToken cancellationToken) => user.RecordExists ? user.ClearStateAsync(cancellationToken) : Task.CompletedTask;

    public async Task AddApiKeyAsync(string keyId, int maxKeys, CancellationToken cancellationToken)
    {
        if (!Exists)
        {
            throw CarmenException.NotFound($"User '{Username}' does not exist.");
        }

        if (user.State.ApiKeyIds.Count >= maxKeys)
        {
            throw CarmenException.Conflict($"A user has at most {maxKeys} personal API keys; revoke and delete old ones first.");
        }

        user.State.ApiKeyIds.Add(keyId);
        await user.WriteStateAsync(cancellationToken);
    }

    public Task<IReadOnlyList<string>> GetApiKeyIdsAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>>(Exists ? [.. user.State.ApiKeyIds] : []);

    public async Task DeleteAsync(CancellationToken cancellationToken)
    {
        if (user.RecordExists)
        {
            // Keys live under their own ids: revoked, so none outlives its user into one created later under the same name.
            await Task.WhenAll(user.State.ApiKeyIds.Select(keyId => GrainFactory.GetGrain<IApiKeyGrain>(keyId).RevokeAsync(cancellationToken)));
            // Its second factor goes with it: a user made later under the same name must not inherit it.
            await GrainFactory.GetGrain<ISecondFactorGrain>(this.GetPrimaryKeyString()).RemoveAsync(cancellationToken);
            await user.ClearStateAsync(cancellationToken);
            LogUserDeleted(Username);
        }
    }

    private async Task<SignInDecision> CountFailureAsync(UserState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        (state.FailedAttempts, DateTimeOffset? lockedUntil) = AfterFailure(state.FailedAttempts, now);
        if (lockedUntil is DateTimeOffset until)
        {
            state.LockedUntil = until;
            LogLockedOut(Username, lockout.Value.MaxFailedAttempts, until);
        }

        await user.WriteStateAsync(cancellationToken);
        return Failed(lockedUntil);
    }

    /// <summary>The failure count after one more failure, and the end of the lockout when this one locks (the count starting over).</summary>
    private (int Failures, DateTimeOffset? LockedUntil) AfterFailure(int failures, DateTimeOffset now) =>
        failures + 1 >= lockout.Value.MaxFailedAttempts ? (0, now + lockout.Value.Duration) : (failures + 1, null);

    private static SignInDecision Failed(DateTimeOffset? lockedUntil) => lockedUntil is null
        ? new SignInDecision(SignInOutcome.InvalidCredentials, null, null)
        : new SignInDecision(SignInOutcome.LockedOut, null, lockedUntil);

    private static bool IsLatest(UserState state, string address) => state.KnownAddresses is [string latest, ..] && latest == address;

    /// <summary>The addresses the user signed in from lately, most recent first.</summary>
    private static void Remember(UserState state, string? address)
    {
        if (address is null)
        {
            return;
        }

        state.KnownAddresses.Remove(address);
        state.KnownAddresses.Insert(0, address);
        if (state.KnownAddresses.Count > KnownAddressesKept)
        {
            state.KnownAddresses.RemoveAt(KnownAddressesKept);
        }
    }

    private static SignInDecision Record(SignInDecision result)
    {
        CarmenDiagnostics.SignIns.Add(1, new KeyValuePair<string, object?>("outcome", result.Outcome.ToString()));
        return result;
    }

    /// <summary>A new password, held to the policy; it lifts a lockout, as the one locked out is now someone who knows it.</summary>
    private async Task SetPasswordAsync(UserState state, string password, CancellationToken cancellationToken)
    {
        PasswordPolicy.Require(password, Username);
        state.PasswordHash = await Task.Run(() => hasher.HashPassword(state, password), cancellationToken);
        state.FailedAttempts = 0;
        state.LockedUntil = null;
    }

    private static string NewStamp() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    private UserInfo ToInfo() => new(Username, user.State.TenantId, user.State.Role, user.State.CreatedAt, user.State.LockedUntil, user.State.Email);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {Username} of tenant {TenantId} changed: role {Role}, password changed {PasswordChanged}; earlier tokens end")]
    private partial void LogUserChanged(string username, string? tenantId, UserRole role, bool passwordChanged);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {Username} moved under tenant {TenantId}")]
    private partial void LogMoved(string username, string tenantId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {Username} created in tenant {TenantId} as {Role}")]
    private partial void LogUserCreated(string username, string? tenantId, UserRole role);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {Username} deleted")]
    private partial void LogUserDeleted(string username);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {Username} locked out after {Attempts} failed sign-ins, until {LockedUntil}")]
    private partial void LogLockedOut(string username, int attempts, DateTimeOffset lockedUntil);
}
