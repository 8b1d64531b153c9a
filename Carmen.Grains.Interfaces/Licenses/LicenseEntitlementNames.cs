namespace Carmen.Grains.Interfaces.Licenses;

/// <summary>The names a refusal gives the counted entitlements (features are named by <see cref="LicenseFeatures"/>).</summary>
public static class LicenseEntitlementNames
{
    /// <summary>Devices in service.</summary>
    public const string Devices = "devices";

    /// <summary>Users of the tenant.</summary>
    public const string Users = "users";

    /// <summary>The meter of telemetry points taken in a calendar month (UTC).</summary>
    public const string TelemetryPointsPerMonth = "telemetryPointsPerMonth";
}
