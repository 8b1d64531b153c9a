namespace Carmen.Grains.Interfaces.Access;

/// <summary>The levels of a tenant's tree an assignment can be made at.</summary>
[GenerateSerializer, Alias("Carmen.ScopeType")]
public enum ScopeType
{
    /// <summary>The whole tenant.</summary>
    Tenant = 0,

    /// <summary>A business unit (and, propagated, its clusters and their devices).</summary>
    BusinessUnit = 1,

    /// <summary>A cluster (and, propagated, its devices).</summary>
    Cluster = 2,
}
