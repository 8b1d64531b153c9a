using Carmen.Grains.Interfaces.Connectivity;
using Orleans.Metadata;
using Orleans.Runtime.Placement;

namespace Carmen.Grains.Placement;

/// <summary>
/// <see cref="ConnectionPlacement"/>: the calling silo when the call that activates the grain comes through
/// <see cref="IConnectedDeviceGrain"/> (placement is decided on the caller's silo), a compatible silo at random otherwise.
/// A placement hint (grain migration) wins over both.
/// </summary>
public sealed class ConnectionPlacementDirector(GrainInterfaceTypeResolver interfaces) : IPlacementDirector
{
    private readonly GrainInterfaceType _connected = interfaces.GetGrainInterfaceType(typeof(IConnectedDeviceGrain));

    public Task<SiloAddress> OnAddActivation(PlacementStrategy strategy, PlacementTarget target, IPlacementContext context)
    {
        SiloAddress[] silos = context.GetCompatibleSilos(target);
        if (IPlacementDirector.GetPlacementHint(target.RequestContextData, silos) is { } hint)
        {
            return Task.FromResult(hint);
        }

        bool fromConnection = target.InterfaceType == _connected && Array.IndexOf(silos, context.LocalSilo) >= 0;
        return Task.FromResult(fromConnection ? context.LocalSilo : silos[Random.Shared.Next(silos.Length)]);
    }
}
