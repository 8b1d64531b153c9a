namespace Carmen.Grains.Interfaces.Tenants;

/// <summary>A grain keeping one of a tenant's records outside the tenant grain; deleting the tenant erases it.</summary>
[Alias("Carmen.ITenantRecordGrain")]
public interface ITenantRecordGrain : IGrainWithStringKey
{
    /// <summary>Erases the record, so a tenant created later under the same id starts empty (not inheriting, say, a gateway token).</summary>
    [Alias("Erase")]
    Task EraseAsync(CancellationToken cancellationToken = default);
}
