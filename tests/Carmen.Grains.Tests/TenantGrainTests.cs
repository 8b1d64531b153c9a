using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Platform;
using Carmen.Grains.Interfaces.Tenants;
using Carmen.Grains.Interfaces.Users;

namespace Carmen.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class TenantGrainTests(ClusterFixture cluster)
{
    [Fact]
    public async Task CreatedTenantIsListedByThePlatform()
    {
        ITenantGrain tenant = await TestTenants.CreateAsync(cluster.Grains);

        IReadOnlyList<string> tenants = await cluster.Grains.GetGrain<IPlatformGrain>(IPlatformGrain.Key).GetTenantIdsAsync();

        tenants.Should().Contain(tenant.GetPrimaryKeyString());
        (await tenant.GetStatusAsync()).Should().Be(TenantStatus.Active);
    }

    [Fact]
    public async Task InvalidTenantIdIsRefused()
    {
        Func<Task> create = () => cluster.Grains.GetGrain<ITenantGrain>("Not A Slug").CreateAsync(new TenantSpec("x", null, null, null));

        (await create.Should().ThrowAsync<CarmenException>()).Which.Field.Should().Be("id");
    }

    [Fact]
    public async Task AdmissionGrantsNoMoreThanTheQuotaAndNamesUnknownClusters()
    {
        ITenantGrain tenant = await TestTenants.CreateAsync(cluster.Grains, maxDevices: 5);

        DeviceAdmission first = await tenant.AdmitDevicesAsync(3, new HashSet<string> { "c1", "zz" });
        DeviceAdmission second = await tenant.AdmitDevicesAsync(3, new HashSet<string> { "c2" });
        await tenant.ReleaseDeviceSlotsAsync(2);
        DeviceAdmission third = await tenant.AdmitDevicesAsync(3, new HashSet<string>());

        first.GrantedSlots.Should().Be(3);
        first.UnknownClusterIds.Should().Equal("zz");
        second.GrantedSlots.Should().Be(2);
        third.GrantedSlots.Should().Be(2);
    }

    [Fact]
    public async Task ClusterMovesBetweenBusinessUnitsAndBusinessUnitWithClustersStays()
    {
        ITenantGrain tenant = await TestTenants.CreateAsync(cluster.Grains);
        await tenant.CreateBusinessUnitAsync("other", "Other");

        ClusterInfo moved = await tenant.MoveClusterAsync("c2", "other");
        Func<Task> removeNonEmpty = () => tenant.RemoveBusinessUnitAsync("other");
        Func<Task> moveNowhere = () => tenant.MoveClusterAsync("c2", "nowhere");

        moved.BusinessUnitId.Should().Be("other");
        (await removeNonEmpty.Should().ThrowAsync<CarmenException>()).Which.Kind.Should().Be(ErrorKind.Conflict);
        (await moveNowhere.Should().ThrowAsync<CarmenException>()).Which.Field.Should().Be("businessUnitId");
        (await tenant.GetBusinessUnitsAsync()).Single(unit => unit.Id == "other").Clusters.Select(c => c.Id).Should().Equal("c2");
    }

    [Fact]
    public async Task UserQuotaIsEnforced()
    {
        ITenantGrain tenant = await TestTenants.CreateAsync(cluster.Grains);
        await tenant.UpdateAsync(new TenantUpdate(Limits: new TenantLimits(MaxUsers: 1)));
        string prefix = tenant.GetPrimaryKeyString();
        await tenant.CreateUserAsync($"{prefix}-one", UserRole.Viewer, "password-123");

        Func<Task> second = () => tenant.CreateUserAsync($"{prefix}-two", UserRole.Viewer, "password-123");

        (await second.Should().ThrowAsync<CarmenException>()).Which.Kind.Should().Be(ErrorKind.Conflict);
        (await tenant.GetUsersAsync()).Select(user => user.Username).Should().Equal($"{prefix}-one");
    }
}
