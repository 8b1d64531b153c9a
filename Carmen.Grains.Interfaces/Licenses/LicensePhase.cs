namespace Carmen.Grains.Interfaces.Licenses;

/// <summary>Where a license stands in its life at a given moment.</summary>
[GenerateSerializer, Alias("Carmen.LicensePhase")]
public enum LicensePhase
{
    /// <summary>Before its valid-from.</summary>
    NotYetValid = 0,

    /// <summary>In force.</summary>
    Valid = 1,

    /// <summary>Expired, within its grace period: still grants everything.</summary>
    Grace = 2,

    /// <summary>Past its grace period.</summary>
    Expired = 3,
}
