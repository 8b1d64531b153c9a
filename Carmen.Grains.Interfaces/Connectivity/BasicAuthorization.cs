namespace Carmen.Grains.Interfaces.Connectivity;

/// <summary>A device grain's answer to a CONNECT with basic credentials, and the stamp of the credentials it accepted.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.BasicAuthorization")]
public sealed record BasicAuthorization([property: Id(0)] ConnectDecision Decision, [property: Id(1)] string? CredentialStamp);
