namespace Carmen.Grains.Interfaces.Devices;

/// <summary>The identity of a device: always a tenant and a device id together, never a device id alone.</summary>
public readonly record struct DeviceKey(string TenantId, string DeviceId)
{
    /// <summary>The grain key string.</summary>
    public override string ToString() => TenantScopedKey.Compose(TenantId, DeviceId);

    /// <summary>Parses a grain key string built by <see cref="ToString"/>.</summary>
    public static DeviceKey Parse(string key)
    {
        (string tenantId, string deviceId) = TenantScopedKey.Parse(key);
        return new DeviceKey(tenantId, deviceId);
    }
}
