namespace Carmen.Grains.Sso;

[GenerateSerializer, Alias("Carmen.IdentityProviderDirectoryState")]
public sealed class IdentityProviderDirectoryState
{
    /// <summary>Email domain (lower case) → "tenant/provider".</summary>
    [Id(0)] public Dictionary<string, string> Domains { get; set; } = [];
}
