namespace Carmen.Grains.Interfaces.Escalation;

/// <summary>What part of the tenant a territory names.</summary>
public enum TerritoryKind
{
    /// <summary>A business unit with every cluster under it, including clusters moved there later.</summary>
    BusinessUnit,

    /// <summary>One cluster.</summary>
    Cluster,
}
