namespace Carmen.Grains.Interfaces.ApiKeys;

/// <summary>A tenant's service accounts (kept by the tenant grain, beside the users and assignments they sit among). Keyed by tenant id.</summary>
[Alias("Carmen.IServiceAccountsGrain")]
public interface IServiceAccountsGrain : IGrainWithStringKey
{
    /// <summary>Makes a service account; it holds nothing until roles are assigned to it.</summary>
    [Alias("CreateServiceAccount")]
    Task<ServiceAccountInfo> CreateServiceAccountAsync(string name, string createdBy, CancellationToken cancellationToken = default);

    /// <summary>The tenant's service accounts.</summary>
    [Alias("GetServiceAccounts")]
    Task<IReadOnlyList<ServiceAccountInfo>> GetServiceAccountsAsync(CancellationToken cancellationToken = default);

    /// <summary>Records a key made for the service account.</summary>
    [Alias("AddServiceAccountKey")]
    Task AddServiceAccountKeyAsync(string serviceAccountId, string keyId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the service account: its keys are revoked and its assignments removed.</summary>
    [Alias("DeleteServiceAccount")]
    Task DeleteServiceAccountAsync(string serviceAccountId, string deletedBy, CancellationToken cancellationToken = default);
}
