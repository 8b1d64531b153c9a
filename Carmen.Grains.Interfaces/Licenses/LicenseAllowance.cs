namespace Carmen.Grains.Interfaces.Licenses;

/// <summary>
/// What a tenant's licenses grant together at one moment: the sum over those in force. A tenant that holds no
/// license is not licensed, and nothing limits it but its own limits.
/// </summary>
/// <param name="Licensed">Whether the tenant holds any license (in force or not).</param>
/// <param name="Devices">Devices entitled.</param>
/// <param name="DeviceAllowance">Devices that may be admitted, overage included.</param>
/// <param name="Users">Users entitled.</param>
/// <param name="UserAllowance">Users that may be admitted, overage included.</param>
/// <param name="Features">Features granted.</param>
/// <param name="Meters">Monthly meters, summed.</param>
/// <param name="MeterAllowance">Monthly meters that may be used, overage included.</param>
[GenerateSerializer, Immutable, Alias("Carmen.LicenseAllowance")]
public sealed record LicenseAllowance(
    [property: Id(0)] bool Licensed,
    [property: Id(1)] int Devices,
    [property: Id(2)] int DeviceAllowance,
    [property: Id(3)] int Users,
    [property: Id(4)] int UserAllowance,
    [property: Id(5)] IReadOnlySet<string> Features,
    [property: Id(6)] IReadOnlyDictionary<string, long> Meters,
    [property: Id(7)] IReadOnlyDictionary<string, long> MeterAllowance)
{
    /// <summary>The allowance of a tenant without licenses.</summary>
    public static readonly LicenseAllowance Unlicensed = new(false, 0, 0, 0, 0, new HashSet<string>(), new Dictionary<string, long>(), new Dictionary<string, long>());

    /// <summary>The allowance of a tenant without licenses where the platform requires one: nothing.</summary>
    public static readonly LicenseAllowance Nothing = new(true, 0, 0, 0, 0, new HashSet<string>(), new Dictionary<string, long>(), new Dictionary<string, long>());

    /// <summary>The sum of what <paramref name="licenses"/> grant at <paramref name="now"/>.</summary>
    public static LicenseAllowance Of(IReadOnlyCollection<LicenseTerms> licenses, DateTimeOffset now)
    {
        if (licenses.Count == 0)
        {
            return Unlicensed;
        }

        (long devices, long deviceAllowance, long users, long userAllowance) = (0, 0, 0, 0);
        var features = new HashSet<string>(StringComparer.Ordinal);
        var meters = new Dictionary<string, long>(StringComparer.Ordinal);
        var meterAllowance = new Dictionary<string, long>(StringComparer.Ordinal);
        // A renewed license gives way to its renewal the moment the renewal starts: no gap, and never both.
        var renewedFrom = licenses.Where(license => license.Renews is not null)
            .GroupBy(license => license.Renews!, StringComparer.Ordinal)
            .ToDictionary(renewals => renewals.Key, renewals => renewals.Min(renewal => renewal.ValidFrom), StringComparer.Ordinal);
        foreach (LicenseTerms license in licenses.Where(license => license.GrantsAt(now) && !(renewedFrom.TryGetValue(license.Id, out DateTimeOffset superseded) && now >= superseded)))
        {
            LicenseEntitlements granted = license.Entitlements;
            devices += granted.Devices ?? 0;
            deviceAllowance += WithOverage(granted.Devices ?? 0, license.OveragePercent);
            users += granted.Users ?? 0;
            userAllowance += WithOverage(granted.Users ?? 0, license.OveragePercent);
            features.UnionWith(granted.Features);
            foreach ((string meter, long limit) in granted.Meters)
            {
                meters[meter] = meters.GetValueOrDefault(meter) + limit;
                meterAllowance[meter] = meterAllowance.GetValueOrDefault(meter) + WithOverage(limit, license.OveragePercent);
            }
        }

        return new LicenseAllowance(true, Clamp(devices), Clamp(deviceAllowance), Clamp(users), Clamp(userAllowance), features, meters, meterAllowance);
    }

    /// <summary>Whether <paramref name="feature"/> may be used: granted, or the tenant is not licensed.</summary>
    public bool Allows(string feature) => !Licensed || Features.Contains(feature);

    private static long WithOverage(long count, int overagePercent) => (long)Math.Min(count * (100.0 + overagePercent) / 100, long.MaxValue);

    private static int Clamp(long count) => (int)Math.Min(count, int.MaxValue);
}
