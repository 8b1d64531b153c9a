namespace Carmen.Grains.Interfaces.Provisioning;

/// <summary>
/// The key and secret of a provisioning profile: as hard to guess as generated ones when an operator chooses them
/// (ThingsBoard's are 20 random characters), printable ASCII so any device SDK can carry them.
/// </summary>
public static class ProvisioningKeys
{
    /// <summary>The shortest key or secret taken.</summary>
    public const int MinLength = 20;

    /// <summary>The longest key or secret taken.</summary>
    public const int MaxLength = 128;
    private const int MinDistinctCharacters = 10;

    /// <summary>The value, or a validation error naming <paramref name="field"/> when it is weak or malformed.</summary>
    public static string RequireStrong(string? value, string field) =>
        value is { Length: >= MinLength and <= MaxLength } && value.All(c => c is > ' ' and <= '~') && value.Distinct().Count() >= MinDistinctCharacters
            ? value
            : throw CarmenException.Invalid(field, $"A {field} is {MinLength} to {MaxLength} printable ASCII characters, at least {MinDistinctCharacters} of them different; leave it out to have one generated.");

    /// <summary>20 random characters (120 bits), letters and digits.</summary>
    public static string Generate() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(15)).Replace('+', 'x').Replace('/', 'y');
}
