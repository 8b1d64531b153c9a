namespace Carmen.Grains.Interfaces.Audit;

/// <summary>Each tenant's records form a chain of their own; the platform's (tenants created, platform settings) another.</summary>
public static class AuditChains
{
    /// <summary>The platform's chain: no tenant slug starts with an underscore.</summary>
    public const string Platform = "_platform";
}
