using System.Security.Cryptography;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.Licenses;
using Carmen.Grains.Interfaces.Sso;
using Carmen.Grains.Interfaces.Tenants;
using Carmen.Grains.Interfaces.Users;
using Carmen.Grains.Users;
using Microsoft.Extensions.Logging;

namespace Carmen.Grains.Sso;

/// <summary>
/// A tenant's OpenID Connect providers and what a sign-in through them does. Provider users are their own accounts,
/// linked by the provider's subject; a local account of the same name is never taken over.
/// </summary>
[GrainType("identity-providers")]
public sealed partial class IdentityProvidersGrain(
    [PersistentState("identity-providers", StorageNames.Secrets)] IPersistentState<IdentityProvidersState> providers,
    ILogger<IdentityProvidersGrain> logger) : Grain, IIdentityProvidersGrain
{
    private const int MaxProviders = 20;
    private const int MaxMappings = 200;

    private string TenantId => this.GetPrimaryKeyString();

    private ITenantAccessGrain Access => GrainFactory.GetGrain<ITenantAccessGrain>(TenantId);

    public async Task<IdentityProviderSpec> PutAsync(IdentityProviderSpec spec, AccessActor actor, CancellationToken cancellationToken)
    {
        Identifiers.RequireSlug(spec.Id, "id");
        await GrainFactory.GetGrain<ITenantLicensingGrain>(TenantId).RequireFeatureAsync(LicenseFeatures.Sso, cancellationToken);
        IdentityProviderSpec? existing = providers.State.Providers.GetValueOrDefault(spec.Id);
        if (existing is null && providers.State.Providers.Count >= MaxProviders)
        {
            throw CarmenException.Conflict($"A tenant has at most {MaxProviders} identity providers.");
        }

        if (spec.RoleMappings.Count > MaxMappings)
        {
            throw CarmenException.Invalid("roleMappings", $"A provider has at most {MaxMappings} role mappings.");
        }

        // Whoever configures a mapping grants through it on every sign-in: they must be able to grant it themselves.
        foreach ((RoleMapping mapping, int i) in spec.RoleMappings.Select((mapping, i) => (mapping, i)))
        {
            try
            {
                await Access.CheckGrantAsync(mapping.RoleId, mapping.Scope, actor, cancellationToken);
            }
            catch (CarmenException refused) when (refused.Kind == ErrorKind.Validation)
            {
                throw CarmenException.Invalid($"roleMappings[{i}].{refused.Field}", refused.Message);
            }
        }

        IdentityProviderSpec stored = spec with { ClientSecret = spec.ClientSecret ?? existing?.ClientSecret };
        await GrainFactory.GetGrain<IIdentityProviderDirectoryGrain>(IIdentityProviderDirectoryGrain.Key)
            .ClaimAsync(TenantId, spec.Id, stored.EmailDomains, cancellationToken);
        providers.State.Providers[spec.Id] = stored;
        await providers.WriteStateAsync(cancellationToken);
        LogProviderSet(TenantId, spec.Id, spec.Issuer, actor.Name);
        return stored with { ClientSecret = null };
    }

    public Task<IdentityProviderSpec> GetAsync(string providerId, CancellationToken cancellationToken) =>
        Task.FromResult(providers.State.Providers.GetValueOrDefault(providerId)
            ?? throw CarmenException.NotFound($"Identity provider '{providerId}' does not exist."));

    public Task<IReadOnlyList<IdentityProviderSpec>> ListAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<IdentityProviderSpec>>([.. providers.State.Providers.Values.OrderBy(spec => spec.Id, StringComparer.Ordinal).Select(spec => spec with { ClientSecret = null })]);

    public async Task DeleteAsync(string providerId, CancellationToken cancellationToken)
    {
        if (!providers.State.Providers.Remove(providerId))
        {
            throw CarmenException.NotFound($"Identity provider '{providerId}' does not exist.");
        }

        await GrainFactory.GetGrain<IIdentityProviderDirectoryGrain>(IIdentityProviderDirectoryGrain.Key).ClaimAsync(TenantId, providerId, [], cancellationToken);
        await providers.WriteStateAsync(cancellationToken);
    }

    public Task<bool> RequiresSsoAsync(string username, CancellationToken cancellationToken) =>
        Task.FromResult(providers.State.Providers.Values.Any(spec => spec.Required)
            && !providers.State.Providers.Values.Any(spec => spec.BreakGlass.Contains(username, StringComparer.Ordinal)));

    public async Task<UserInfo> SignInAsync(string providerId, SsoIdentity identity, bool invited, CancellationToken cancellationToken)
    {
        IdentityProviderSpec provider = await GetAsync(providerId, cancellationToken);
        AssignmentDraft[] granted = [.. provider.RoleMappings
            .Where(mapping => identity.Claims.TryGetValue(mapping.Claim, out IReadOnlyList<string>? values) && values.Contains(mapping.Value, StringComparer.Ordinal))
            .Select(mapping => new AssignmentDraft("", mapping.RoleId, mapping.Scope))];
        string subjectKey = $"{providerId}/{identity.Subject}";
        ITenantGrain tenant = GrainFactory.GetGrain<ITenantGrain>(TenantId);
        if (!providers.State.Subjects.TryGetValue(subjectKey, out string? username))
        {
            if (!invited && (granted.Length == 0 || !provider.CreateUsers))
            {
                LogRefused(TenantId, providerId, identity.Subject);
                throw CarmenException.Forbidden($"No account of this tenant answers to this {providerId} user, and none is made for it: no role mapping matches.");
            }

            username = UserNames.Normalize(identity.PreferredUsername is { Length: > 1 } preferred && IsUsername(preferred) ? preferred : identity.Email ?? identity.Subject);
            if (await GrainFactory.GetGrain<IUserGrain>(UserKeys.Of(TenantId, username)).FindAsync(cancellationToken) is not null)
            {
                throw CarmenException.Conflict($"A local account '{username}' exists in this tenant; single sign-on never takes over a local account.");
            }

            // A provider's user has no password of its own: a random one nobody knows, so only the provider signs it in.
            await tenant.CreateUserAsync(
                username, UserRole.Member, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)), actor: null, email: Email(identity), cancellationToken: cancellationToken);
            providers.State.Subjects[subjectKey] = username;
            await providers.WriteStateAsync(cancellationToken);
            LogUserCreated(TenantId, providerId, username);
        }

        await Access.SyncAssignmentsAsync(username, $"sso:{providerId}", [.. granted.Select(draft => draft with { Principal = username })], cancellationToken);
        return await GrainFactory.GetGrain<IUserGrain>(UserKeys.Of(TenantId, username)).FindAsync(cancellationToken)
            ?? throw CarmenException.Forbidden("The account of this provider user was deleted; an administrator can let it be made again by removing the link.");
    }

    public async Task EraseAsync(CancellationToken cancellationToken)
    {
        foreach (string providerId in providers.State.Providers.Keys)
        {
            await GrainFactory.GetGrain<IIdentityProviderDirectoryGrain>(IIdentityProviderDirectoryGrain.Key).ClaimAsync(TenantId, providerId, [], cancellationToken);
        }

        await providers.ClearStateAsync(cancellationToken);
        DeactivateOnIdle();
    }

    /// <summary>The provider's email for the user, when it is one address.</summary>
    private static string? Email(SsoIdentity identity)
    {
        try
        {
            return UserEmails.Valid(identity.Email);
        }
        catch (CarmenException)
        {
            return null;
        }
    }

    private static bool IsUsername(string name)
    {
        try
        {
            UserNames.Normalize(name);
            return true;
        }
        catch (CarmenException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId}: identity provider {ProviderId} ({Issuer}) set by {Actor}")]
    private partial void LogProviderSet(string tenantId, string providerId, string issuer, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId}: {ProviderId} created user {Username} on first sign-in")]
    private partial void LogUserCreated(string tenantId, string providerId, string username);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {TenantId}: {ProviderId} sign-in of subject {Subject} refused: no mapping, no account")]
    private partial void LogRefused(string tenantId, string providerId, string subject);
}
