using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Tenants;

namespace Carmen.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class DeviceRegistrarTests(ClusterFixture cluster)
{
    [Fact]
    public async Task EachDraftSucceedsOrFailsAloneAndFailuresLeaveNothingBehind()
    {
        ITenantGrain tenant = await TestTenants.CreateAsync(cluster.Grains, maxDevices: 3);
        string tenantId = tenant.GetPrimaryKeyString();
        DeviceDraft[] drafts =
        [
            new("a", "A", "c1"),
            new("b b", "bad id", "c1"),
            new("c", "C", "missing"),
            new("a", "again", "c1"),
            new("d", "D", "c2", Labels: ["x"]),
            new("e", "E", "c2"),
            new("f", "over the limit", "c2"),
        ];

        IReadOnlyList<DeviceRegistrationOutcome> outcomes =
            await cluster.Grains.GetGrain<IDeviceRegistrarGrain>(0).RegisterAsync(tenantId, drafts, "batch-1", firstIndex: 100);

        outcomes.Select(outcome => outcome.Index).Should().Equal(100, 101, 102, 103, 104, 105, 106);
        outcomes.Select(outcome => outcome.Succeeded).Should().Equal(true, false, false, false, true, true, false);
        outcomes[1].Errors.Single().Field.Should().Be("id");
        outcomes[2].Errors.Single().Field.Should().Be("clusterId");
        outcomes[3].Errors.Single().Kind.Should().Be(ErrorKind.Conflict);
        outcomes[6].Errors.Single().Kind.Should().Be(ErrorKind.Conflict);
        (await cluster.Index.CountInServiceAsync(tenantId, null)).Should().Be(3);
        (await tenant.GetAsync()).DeviceCount.Should().Be(3);
    }

    [Fact]
    public async Task SlotsOfFailedRegistrationsAreHandedBack()
    {
        ITenantGrain tenant = await TestTenants.CreateAsync(cluster.Grains, maxDevices: 2);
        string tenantId = tenant.GetPrimaryKeyString();
        IDeviceRegistrarGrain registrar = cluster.Grains.GetGrain<IDeviceRegistrarGrain>(0);
        await registrar.RegisterAsync(tenantId, [new DeviceDraft("taken", "x", "c1")], "earlier", 0);

        IReadOnlyList<DeviceRegistrationOutcome> outcomes =
            await registrar.RegisterAsync(tenantId, [new DeviceDraft("taken", "dup", "c1"), new DeviceDraft("fresh", "ok", "c1")], "batch", 0);

        outcomes.Select(outcome => outcome.Succeeded).Should().Equal(false, true);
        (await tenant.GetAsync()).DeviceCount.Should().Be(2, "the slot reserved for the duplicate was handed back");
    }

    [Fact]
    public async Task SuspendedTenantRefusesEveryDraft()
    {
        ITenantGrain tenant = await TestTenants.CreateAsync(cluster.Grains);
        await tenant.SuspendAsync("test");

        IReadOnlyList<DeviceRegistrationOutcome> outcomes = await cluster.Grains.GetGrain<IDeviceRegistrarGrain>(0)
            .RegisterAsync(tenant.GetPrimaryKeyString(), [new DeviceDraft("a", "A", "c1")], "batch", 0);

        outcomes.Single().Errors.Single().Kind.Should().Be(ErrorKind.Forbidden);
    }
}
