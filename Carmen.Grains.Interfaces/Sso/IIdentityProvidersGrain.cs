using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.Tenants;
using Carmen.Grains.Interfaces.Users;

namespace Carmen.Grains.Interfaces.Sso;

/// <summary>A tenant's identity providers (client secrets in the encrypted store), keyed by tenant id, and what their sign-ins do.</summary>
[Alias("Carmen.IIdentityProvidersGrain")]
public interface IIdentityProvidersGrain : ITenantRecordGrain
{
    /// <summary>
    /// Creates or replaces a provider. Refused when the actor could not grant a mapping's role at its scope, or another
    /// tenant's provider has one of its email domains. A secret left out keeps the one set before.
    /// </summary>
    [Alias("Put")]
    Task<IdentityProviderSpec> PutAsync(IdentityProviderSpec spec, AccessActor actor, CancellationToken cancellationToken = default);

    /// <summary>A provider with its secret, for the sign-in flow (never for an answer).</summary>
    [Alias("Get")]
    Task<IdentityProviderSpec> GetAsync(string providerId, CancellationToken cancellationToken = default);

    /// <summary>The providers, secrets left out.</summary>
    [Alias("List")]
    Task<IReadOnlyList<IdentityProviderSpec>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes a provider and its email domains.</summary>
    [Alias("Delete")]
    Task DeleteAsync(string providerId, CancellationToken cancellationToken = default);

    /// <summary>Whether the user must sign in through a provider (one is required, and the user is not a break-glass account).</summary>
    [Alias("RequiresSso")]
    Task<bool> RequiresSsoAsync(string username, CancellationToken cancellationToken = default);

    /// <summary>
    /// Completes a sign-in the provider vouched for: the user linked to the subject, else the one of the same username,
    /// else (when the provider creates users) a new member; then the roles its mappings give. Forbidden for a user no
    /// mapping gives anything and who does not exist, unless the sign-in accepts an invitation (which gives the role).
    /// </summary>
    [Alias("SignIn")]
    Task<UserInfo> SignInAsync(string providerId, SsoIdentity identity, bool invited = false, CancellationToken cancellationToken = default);
}
