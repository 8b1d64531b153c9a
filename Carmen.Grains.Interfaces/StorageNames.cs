namespace Carmen.Grains.Interfaces;

/// <summary>Names of the grain storage providers. Stored state is keyed by these, so they never change.</summary>
public static class StorageNames
{
    /// <summary>Tenants, their business units and clusters.</summary>
    public const string Tenants = "tenants";

    /// <summary>Per-device state: registration, credentials, attributes, lifecycle.</summary>
    public const string Devices = "devices";

    /// <summary>Operator accounts and their lockout counters.</summary>
    public const string Users = "users";

    /// <summary>Platform-wide singletons: tenant directory, JWT signing keys.</summary>
    public const string Platform = "platform";

    /// <summary>Rollouts, their batches of devices, and each tenant's rollout directory.</summary>
    public const string Rollouts = "rollouts";

    /// <summary>Alerts, one record per occurrence.</summary>
    public const string Alerts = "alerts";

    /// <summary>
    /// State that holds secrets: token signing keys, notification channels (webhook secrets, SMTP passwords), bulk
    /// imports (the device tokens of their rows). Encrypted with the data-protection keys before it is stored.
    /// </summary>
    public const string Secrets = "secrets";

    /// <summary>Every name above, for hosts that map them all to one provider.</summary>
    public static IReadOnlyList<string> All { get; } = [Tenants, Devices, Users, Platform, Rollouts, Alerts, Secrets];
}
