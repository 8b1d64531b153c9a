namespace Carmen.Grains.Interfaces.Licenses;

/// <summary>
/// What a license grants. A null count grants none of it (an add-on of features only); a tenant's entitlements are
/// the sum over its licenses in force.
/// </summary>
/// <param name="Devices">Devices in service.</param>
/// <param name="Users">Users of the tenant (pending invitations hold a seat).</param>
/// <param name="Features">Named features, such as <c>ota</c>, <c>pki</c>, <c>sso</c>.</param>
/// <param name="Meters">Monthly meters by name, such as <c>telemetryPointsPerMonth</c>.</param>
[GenerateSerializer, Immutable, Alias("Carmen.LicenseEntitlements")]
public sealed record LicenseEntitlements(
    [property: Id(0)] int? Devices,
    [property: Id(1)] int? Users,
    [property: Id(2)] IReadOnlyList<string> Features,
    [property: Id(3)] IReadOnlyDictionary<string, long> Meters);
