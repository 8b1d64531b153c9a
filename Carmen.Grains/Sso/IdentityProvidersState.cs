using Carmen.Grains.Interfaces.Sso;

namespace Carmen.Grains.Sso;

[GenerateSerializer, Alias("Carmen.IdentityProvidersState")]
public sealed class IdentityProvidersState
{
    [Id(0)] public Dictionary<string, IdentityProviderSpec> Providers { get; set; } = [];

    /// <summary>"provider/subject" → the username it signs in as: a provider's user keeps its account whatever its email becomes.</summary>
    [Id(1)] public Dictionary<string, string> Subjects { get; set; } = [];
}
