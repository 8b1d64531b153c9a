using Orleans.Placement;

namespace Carmen.Grains.Placement;

/// <summary>
/// A device grain goes where its connection is: activated by a call through <see cref="Interfaces.Connectivity.IConnectedDeviceGrain"/>
/// (the MQTT listener authorizing a CONNECT, a gateway's router speaking for a child) it is placed on the caller's
/// silo, so the device's messages never cross silos; activated by anything else (the API, a rollout) it is placed at
/// random, so bulk work spreads over the cluster. See <see cref="ConnectionPlacementDirector"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.ConnectionPlacement")]
public sealed class ConnectionPlacement : PlacementStrategy
{
    public static ConnectionPlacement Instance { get; } = new();
}

/// <summary>Places the grain with <see cref="ConnectionPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ConnectionPlacementAttribute() : PlacementAttribute(ConnectionPlacement.Instance);
