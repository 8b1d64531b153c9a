namespace Carmen.Grains.Interfaces.Access;

/// <summary>A node of a tenant's tree: the tenant (no id), a business unit or a cluster by id.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.AccessScope")]
public sealed record AccessScope([property: Id(0)] ScopeType Type, [property: Id(1)] string? Id = null)
{
    /// <summary>The tenant itself.</summary>
    public static AccessScope Tenant { get; } = new(ScopeType.Tenant);

    /// <summary>A business unit.</summary>
    public static AccessScope BusinessUnit(string id) => new(ScopeType.BusinessUnit, id);

    /// <summary>A cluster.</summary>
    public static AccessScope Cluster(string id) => new(ScopeType.Cluster, id);

    /// <summary>The scope in words, for messages and mails: the whole tenant, business unit 'berlin', cluster 'line-1'.</summary>
    public string Describe() => Type switch
    {
        ScopeType.Tenant => "the whole tenant",
        ScopeType.BusinessUnit => $"business unit '{Id}'",
        _ => $"cluster '{Id}'",
    };
}
