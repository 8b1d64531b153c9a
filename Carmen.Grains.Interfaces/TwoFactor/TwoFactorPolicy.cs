namespace Carmen.Grains.Interfaces.TwoFactor;

/// <summary>
/// A tenant's rule for second factors, its setting <see cref="SettingKey"/>: nobody required (the default), its
/// administrators (whoever manages users or access anywhere in it), or everyone.
/// </summary>
public static class TwoFactorPolicy
{
    /// <summary>The tenant setting holding the rule.</summary>
    public const string SettingKey = "security.twoFactor";

    /// <summary>Required of whoever manages users or access anywhere in the tenant.</summary>
    public const string Administrators = "administrators";

    /// <summary>Required of every user of the tenant.</summary>
    public const string Everyone = "everyone";

    /// <summary>Whether the tenant's setting requires a second factor of a user who is (or is not) an administrator.</summary>
    public static bool Requires(IReadOnlyDictionary<string, string> settings, bool administrator) =>
        settings.GetValueOrDefault(SettingKey) switch
        {
            Everyone => true,
            Administrators => administrator,
            _ => false,
        };
}
