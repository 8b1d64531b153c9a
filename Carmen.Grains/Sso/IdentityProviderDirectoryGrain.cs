using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Sso;

namespace Carmen.Grains.Sso;

/// <summary>Email domains to the tenant provider that signs them in; a domain belongs to one provider of one tenant.</summary>
[GrainType("identity-provider-directory")]
public sealed class IdentityProviderDirectoryGrain(
    [PersistentState("identity-provider-directory", StorageNames.Platform)] IPersistentState<IdentityProviderDirectoryState> directory)
    : Grain, IIdentityProviderDirectoryGrain
{
    public async Task ClaimAsync(string tenantId, string providerId, IReadOnlyList<string> domains, CancellationToken cancellationToken)
    {
        string owner = $"{tenantId}/{providerId}";
        string[] taken = [.. domains.Where(domain => directory.State.Domains.TryGetValue(domain, out string? holder) && holder != owner)];
        if (taken.Length > 0)
        {
            throw CarmenException.Conflict($"Email domain(s) {string.Join(", ", taken)} already sign in through another provider.", "emailDomains");
        }

        foreach (string released in directory.State.Domains.Where(entry => entry.Value == owner && !domains.Contains(entry.Key)).Select(entry => entry.Key).ToList())
        {
            directory.State.Domains.Remove(released);
        }

        foreach (string domain in domains)
        {
            directory.State.Domains[domain] = owner;
        }

        await directory.WriteStateAsync(cancellationToken);
    }

    public Task<(string TenantId, string ProviderId)?> FindAsync(string domain, CancellationToken cancellationToken) =>
        Task.FromResult<(string, string)?>(directory.State.Domains.TryGetValue(domain.ToLowerInvariant(), out string? owner)
            ? (owner[..owner.IndexOf('/', StringComparison.Ordinal)], owner[(owner.IndexOf('/', StringComparison.Ordinal) + 1)..])
            : null);
}
