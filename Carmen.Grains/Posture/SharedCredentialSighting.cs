namespace Carmen.Grains.Posture;

/// <summary>One time a device's credential was used from two addresses at once.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.SharedCredentialSighting")]
public sealed record SharedCredentialSighting(
    [property: Id(0)] string DeviceId,
    [property: Id(1)] string ClusterId,
    [property: Id(2)] string Credential,
    [property: Id(3)] string FirstAddress,
    [property: Id(4)] string SecondAddress,
    [property: Id(5)] DateTimeOffset At);
