using System.Net;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Placement;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Metadata;
using Orleans.Runtime.Placement;

namespace Carmen.Grains.Tests.Devices;

/// <summary>Device grains are placed on the silo of the connection that wakes them, and spread when anything else does.</summary>
[Collection(ClusterCollection.Name)]
public sealed class ConnectionPlacementTests(ClusterFixture cluster)
{
    private static readonly SiloAddress[] s_silos = [.. Enumerable.Range(1, 4).Select(port => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11110 + port), 1))];

    [Fact]
    public async Task TheConnectionsSiloTakesTheGrainOtherCallersSpreadItAndAHintWins()
    {
        var director = ActivatorUtilities.CreateInstance<ConnectionPlacementDirector>(cluster.SiloServices);
        var interfaces = cluster.SiloServices.GetRequiredService<GrainInterfaceTypeResolver>();
        var context = new FixedPlacementContext(s_silos, local: s_silos[2]);
        async Task<SiloAddress[]> PlaceAsync(Type callerInterface, Dictionary<string, object> requestContext) =>
            await Task.WhenAll(Enumerable.Range(0, 100).Select(device => director.OnAddActivation(ConnectionPlacement.Instance,
                new PlacementTarget(GrainId.Create("device", $"t1/d{device}"), requestContext, interfaces.GetGrainInterfaceType(callerInterface), 0), context)));

        SiloAddress[] connected = await PlaceAsync(typeof(IConnectedDeviceGrain), []);
        SiloAddress[] managed = await PlaceAsync(typeof(IDeviceGrain), []);
        SiloAddress[] hinted = await PlaceAsync(typeof(IConnectedDeviceGrain), new() { [IPlacementDirector.PlacementHintKey] = s_silos[0] });

        connected.Should().AllBeEquivalentTo(s_silos[2], "the MQTT listener calling is on the silo holding the connection");
        managed.Distinct().Should().HaveCount(4, "an API call or a rollout spreads device grains over every silo");
        hinted.Should().AllBeEquivalentTo(s_silos[0]);
    }

    [Fact]
    public async Task ADeviceGrainActivatesUnderThePlacementInARealSilo()
    {
        IConnectedDeviceGrain device = cluster.Grains.GetGrain<IConnectedDeviceGrain>(new DeviceKey("placement", "d1").ToString());

        Func<Task> authorize = () => device.AuthorizeAsync("no-such-token-hash");

        await authorize.Should().NotThrowAsync("the strategy is registered with the grains");
    }

    private sealed class FixedPlacementContext(SiloAddress[] silos, SiloAddress local) : IPlacementContext
    {
        public SiloAddress LocalSilo => local;

        public SiloStatus LocalSiloStatus => SiloStatus.Active;

        public SiloAddress[] GetCompatibleSilos(PlacementTarget target) => silos;

        public IReadOnlyDictionary<ushort, SiloAddress[]> GetCompatibleSilosWithVersions(PlacementTarget target) => new Dictionary<ushort, SiloAddress[]> { [0] = silos };
    }
}
