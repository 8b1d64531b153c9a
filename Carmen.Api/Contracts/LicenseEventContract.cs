using Carmen.Grains.Interfaces.Licenses;

namespace Carmen.Api.Contracts;

/// <summary>One entry of a license's history.</summary>
public sealed record LicenseEventContract(DateTimeOffset At, string Kind, string? Actor, string Detail)
{
    public static LicenseEventContract From(LicenseEvent entry) => new(entry.At, entry.Kind, entry.Actor, entry.Detail);
}
