namespace Carmen.Grains.Interfaces.Alerts;

/// <summary>Which devices of the tenant a rule watches.</summary>
public enum AlertScopeKind
{
    /// <summary>Every device of the tenant.</summary>
    Tenant,

    /// <summary>Devices in the clusters of one business unit.</summary>
    BusinessUnit,

    /// <summary>Devices of one cluster.</summary>
    Cluster,

    /// <summary>Devices of one device type.</summary>
    DeviceType,

    /// <summary>Devices carrying one label.</summary>
    Label,
}
