using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.ApiKeys;

namespace Carmen.Grains.Tenants;

/// <summary>A tenant's service accounts, beside the users and assignments they sit among: principals named "sa:{id}".</summary>
public sealed partial class TenantGrain : IServiceAccountsGrain
{
    private const int MaxServiceAccounts = 1_000;
    private const int MaxServiceAccountNameLength = 200;

    public async Task<ServiceAccountInfo> CreateServiceAccountAsync(string name, string createdBy, CancellationToken cancellationToken)
    {
        RequireActive();
        string trimmed = name?.Trim() is { Length: > 0 and <= MaxServiceAccountNameLength } valid
            ? valid
            : throw CarmenException.Invalid("name", $"A service account's name is 1 to {MaxServiceAccountNameLength} characters.");
        Dictionary<string, ServiceAccountState> accounts = accessState.State.ServiceAccounts;
        if (accounts.Count >= MaxServiceAccounts)
        {
            throw CarmenException.Conflict($"A tenant has at most {MaxServiceAccounts} service accounts.");
        }

        if (accounts.Values.Any(account => string.Equals(account.Name, trimmed, StringComparison.OrdinalIgnoreCase)))
        {
            throw CarmenException.Conflict($"A service account named '{trimmed}' exists already.", "name");
        }

        string id = "sa-" + ApiKeyTokens.NewId()[..10];
        accounts[id] = new ServiceAccountState { Name = trimmed, CreatedAt = time.GetUtcNow(), CreatedBy = createdBy };
        await accessState.WriteStateAsync(cancellationToken);
        return ToInfo(id, accounts[id]);
    }

    public Task<IReadOnlyList<ServiceAccountInfo>> GetServiceAccountsAsync(CancellationToken cancellationToken)
    {
        RequireExisting();
        return Task.FromResult<IReadOnlyList<ServiceAccountInfo>>(
            [.. accessState.State.ServiceAccounts.OrderBy(account => account.Key, StringComparer.Ordinal).Select(account => ToInfo(account.Key, account.Value))]);
    }

    public async Task AddServiceAccountKeyAsync(string serviceAccountId, string keyId, CancellationToken cancellationToken)
    {
        RequireServiceAccount(serviceAccountId).KeyIds.Add(keyId);
        await accessState.WriteStateAsync(cancellationToken);
    }

    public async Task DeleteServiceAccountAsync(string serviceAccountId, string deletedBy, CancellationToken cancellationToken)
    {
        ServiceAccountState account = RequireServiceAccount(serviceAccountId);
        await Task.WhenAll(account.KeyIds.Select(keyId => GrainFactory.GetGrain<IApiKeyGrain>(keyId).RevokeAsync(cancellationToken)));
        string principal = ServiceAccounts.Principal(serviceAccountId);
        var actor = new AccessActor(deletedBy, PlatformAdmin: false, Address: null);
        foreach (RoleAssignment assignment in accessState.State.Assignments.Where(held => held.Principal == principal).ToList())
        {
            accessState.State.Assignments.Remove(assignment);
            Record(AccessChangeKind.Removed, actor, principal, assignment.RoleId, assignment.Scope, assignment.Id, "with the service account");
        }

        accessState.State.ServiceAccounts.Remove(serviceAccountId);
        await SaveAccessAsync(cancellationToken);
    }

    private ServiceAccountState RequireServiceAccount(string serviceAccountId) =>
        accessState.State.ServiceAccounts.GetValueOrDefault(serviceAccountId)
        ?? throw CarmenException.NotFound($"Service account '{serviceAccountId}' does not exist.");

    private static ServiceAccountInfo ToInfo(string id, ServiceAccountState account) =>
        new(id, account.Name, account.CreatedAt, account.CreatedBy, [.. account.KeyIds]);
}
