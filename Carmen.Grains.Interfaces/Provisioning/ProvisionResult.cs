using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Grains.Interfaces.Provisioning;

/// <summary>
/// The answer to a <see cref="ProvisionRequest"/>: the credentials issued (an access token, or the basic credentials
/// the device chose), or why not. <see cref="WrongSecret"/> (an unknown key answers so too) counts against the address.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.ProvisionResult")]
public sealed record ProvisionResult(
    [property: Id(0)] bool Succeeded,
    [property: Id(1)] string? AccessToken,
    [property: Id(2)] MqttBasicCredentials? Basic,
    [property: Id(3)] string? Error,
    [property: Id(4)] bool WrongSecret = false)
{
    /// <summary>Refused for <paramref name="error"/>, which the device is told.</summary>
    public static ProvisionResult Failed(string error) => new(false, null, null, error);

    /// <summary>A wrong secret or an unknown key, told apart from neither.</summary>
    public static ProvisionResult Refused() => new(false, null, null, "Unknown provisionDeviceKey or wrong provisionDeviceSecret.", WrongSecret: true);
}
