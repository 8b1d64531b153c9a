namespace Carmen.Grains.Interfaces.Incidents;

/// <summary>Keys of incident grains: "{tenantId}/{incidentId}".</summary>
public static class IncidentKeys
{
    /// <summary>The key of incident <paramref name="incidentId"/> of the tenant.</summary>
    public static string Of(string tenantId, long incidentId) =>
        TenantScopedKey.Compose(tenantId, incidentId.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
