using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Silo.Mqtt.DeviceApi;

/// <summary>Why a device message was not taken: a rejection counted against the device, or (<see cref="Reason"/> null) a failure of the grid.</summary>
internal sealed record RouteFailure(RejectionReason? Reason, string Detail)
{
    public static RouteFailure Failed { get; } = new(null, "The platform could not take the message now; send it again.");
}
