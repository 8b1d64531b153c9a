namespace Carmen.Silo.Mqtt.DeviceApi;

/// <summary>
/// A gateway's attribute request for one child, in whichever of ThingsBoard's forms it came: one key
/// (<c>"client":true,"key":"k"</c>, answered with <c>"value"</c>), several (<c>"keys":[...]</c>, answered with
/// <c>"values"</c>), or per scope (<c>"client":[...],"shared":[...]</c>, answered with <c>"client"</c> and <c>"shared"</c>).
/// </summary>
/// <param name="IdJson">The request id as the gateway wrote it (a number or a string), echoed in the answer.</param>
/// <param name="Name">The child asked about.</param>
/// <param name="ClientKeys">The client attribute keys asked for; null for all.</param>
/// <param name="SharedKeys">The shared attribute keys asked for; null for all.</param>
/// <param name="Answer">The shape of the answer.</param>
internal sealed record GatewayAttributeRequest(
    string IdJson,
    string Name,
    IReadOnlyList<string>? ClientKeys,
    IReadOnlyList<string>? SharedKeys,
    GatewayAttributeAnswer Answer);

/// <summary>The shape of the answer a gateway's attribute request asks for.</summary>
internal enum GatewayAttributeAnswer
{
    /// <summary><c>"value"</c>: the one key asked for.</summary>
    Value,

    /// <summary><c>"values"</c>: an object of the keys asked for, of the one scope asked.</summary>
    Values,

    /// <summary><c>"client"</c> and <c>"shared"</c> objects.</summary>
    Scopes,
}
