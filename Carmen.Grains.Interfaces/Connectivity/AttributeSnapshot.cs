namespace Carmen.Grains.Interfaces.Connectivity;

/// <summary>A device's attributes as JSON texts by key, for an attribute request or the API.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.AttributeSnapshot")]
public sealed record AttributeSnapshot(
    [property: Id(0)] IReadOnlyDictionary<string, string> Client,
    [property: Id(1)] IReadOnlyDictionary<string, string> Shared,
    [property: Id(2)] IReadOnlyDictionary<string, string> Server);
