namespace Carmen.Grains.Licenses;

/// <summary>The clock license decisions read (validity, grace, expiry): the system clock, or one a test moves.</summary>
public static class LicenseClock
{
    public const string Key = "licenses";
}
