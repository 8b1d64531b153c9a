namespace Carmen.Grains.Interfaces.Sso;

/// <summary>Who a provider's validated ID token says signed in: its subject, email, preferred username, and every claim's values.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.SsoIdentity")]
public sealed record SsoIdentity(
    [property: Id(0)] string Subject,
    [property: Id(1)] string? Email,
    [property: Id(2)] string? PreferredUsername,
    [property: Id(3)] IReadOnlyDictionary<string, IReadOnlyList<string>> Claims);
