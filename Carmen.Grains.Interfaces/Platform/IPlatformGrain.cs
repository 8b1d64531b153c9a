namespace Carmen.Grains.Interfaces.Platform;

/// <summary>The platform directory: which tenants exist, and whether the first administrator was created. A singleton: use <see cref="Key"/>.</summary>
[Alias("Carmen.IPlatformGrain")]
public interface IPlatformGrain : IGrainWithStringKey
{
    /// <summary>The one key of this grain.</summary>
    const string Key = "platform";

    /// <summary>Records a new tenant.</summary>
    [Alias("AddTenant")]
    Task AddTenantAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Forgets a deleted tenant.</summary>
    [Alias("RemoveTenant")]
    Task RemoveTenantAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Ids of all tenants, in order.</summary>
    [Alias("GetTenantIds")]
    Task<IReadOnlyList<string>> GetTenantIdsAsync(CancellationToken cancellationToken = default);

    /// <summary>True once the first platform administrator exists.</summary>
    [Alias("IsBootstrapped")]
    Task<bool> IsBootstrappedAsync(CancellationToken cancellationToken = default);

    /// <summary>Records that the first platform administrator exists.</summary>
    [Alias("MarkBootstrapped")]
    Task MarkBootstrappedAsync(CancellationToken cancellationToken = default);
}
