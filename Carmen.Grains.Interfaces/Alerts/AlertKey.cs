namespace Carmen.Grains.Interfaces.Alerts;

/// <summary>The identity of an alert: always a tenant and an alert id together, so one tenant's id never reaches another's alert.</summary>
public readonly record struct AlertKey(string TenantId, string AlertId)
{
    /// <summary>The grain key string.</summary>
    public override string ToString() => TenantScopedKey.Compose(TenantId, AlertId);

    /// <summary>Parses a grain key string built by <see cref="ToString"/>.</summary>
    public static AlertKey Parse(string key)
    {
        (string tenantId, string alertId) = TenantScopedKey.Parse(key);
        return new AlertKey(tenantId, alertId);
    }
}
