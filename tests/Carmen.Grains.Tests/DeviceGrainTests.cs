using Carmen.Grains.Devices;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Tenants;

namespace Carmen.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class DeviceGrainTests(ClusterFixture cluster)
{
    [Fact]
    public async Task RegisterReturnsTheTokenOnceAndIndexesOnlyItsHash()
    {
        ITenantGrain tenant = await TestTenants.CreateAsync(cluster.Grains);
        var key = new DeviceKey(tenant.GetPrimaryKeyString(), "d1");

        DeviceRegistration registration = await Device(key).RegisterAsync(new DeviceDraft(null, "Pump", "c1"), "request-1");

        registration.AccessToken.Should().HaveLength(32);
        (await cluster.Index.FindByAccessTokenHashAsync(AccessTokens.Hash(registration.AccessToken))).Should().Be(key);
        (await Device(key).GetAsync()).Status.Should().Be(DeviceStatus.Registered);
    }

    [Fact]
    public async Task ReplayOfTheSameRequestIssuesAFreshTokenButAnotherRequestIsConflict()
    {
        ITenantGrain tenant = await TestTenants.CreateAsync(cluster.Grains);
        IDeviceGrain device = Device(new DeviceKey(tenant.GetPrimaryKeyString(), "d1"));
        DeviceRegistration first = await device.RegisterAsync(new DeviceDraft(null, "Pump", "c1"), "import:1");

        DeviceRegistration replay = await device.RegisterAsync(new DeviceDraft(null, "Pump", "c1"), "import:1");
        Func<Task> other = () => device.RegisterAsync(new DeviceDraft(null, "Pump", "c1"), "import:2");

        replay.AccessToken.Should().NotBe(first.AccessToken);
        (await cluster.Index.FindByAccessTokenHashAsync(AccessTokens.Hash(first.AccessToken))).Should().BeNull();
        (await other.Should().ThrowAsync<CarmenException>()).Which.Kind.Should().Be(ErrorKind.Conflict);
    }

    [Fact]
    public async Task RotationRevokesTheOldToken()
    {
        ITenantGrain tenant = await TestTenants.CreateAsync(cluster.Grains);
        var key = new DeviceKey(tenant.GetPrimaryKeyString(), "d1");
        DeviceRegistration first = await Device(key).RegisterAsync(new DeviceDraft(null, "Pump", "c1"), "r");

        DeviceRegistration rotated = await Device(key).RotateCredentialsAsync(null);

        (await cluster.Index.FindByAccessTokenHashAsync(AccessTokens.Hash(first.AccessToken))).Should().BeNull();
        (await cluster.Index.FindByAccessTokenHashAsync(AccessTokens.Hash(rotated.AccessToken))).Should().Be(key);
    }

    [Fact]
    public async Task MovingToAnUnknownClusterIsRefusedNamingClusterId()
    {
        ITenantGrain tenant = await TestTenants.CreateAsync(cluster.Grains);
        IDeviceGrain device = Device(new DeviceKey(tenant.GetPrimaryKeyString(), "d1"));
        await device.RegisterAsync(new DeviceDraft(null, "Pump", "c1"), "r");

        Func<Task> move = () => device.UpdateAsync(new DeviceUpdate(ClusterId: "nowhere"));
        DeviceInfo moved = await device.UpdateAsync(new DeviceUpdate(ClusterId: "c2"));

        (await move.Should().ThrowAsync<CarmenException>()).Which.Field.Should().Be("clusterId");
        moved.ClusterId.Should().Be("c2");
    }

    [Fact]
    public async Task DecommissionedDeviceRefusesChangesAndCanBePurged()
    {
        ITenantGrain tenant = await TestTenants.CreateAsync(cluster.Grains);
        var key = new DeviceKey(tenant.GetPrimaryKeyString(), "d1");
        DeviceRegistration registration = await Device(key).RegisterAsync(new DeviceDraft(null, "Pump", "c1"), "r");

        await Device(key).DecommissionAsync();
        CarmenException renameRefused = (await FluentActions.Awaiting(() => Device(key).UpdateAsync(new DeviceUpdate(Name: "New")))
            .Should().ThrowAsync<CarmenException>()).Which;
        await Device(key).PurgeAsync();

        renameRefused.Kind.Should().Be(ErrorKind.Conflict);
        (await cluster.Index.FindByAccessTokenHashAsync(AccessTokens.Hash(registration.AccessToken))).Should().BeNull();
        (await FluentActions.Awaiting(() => Device(key).GetAsync()).Should().ThrowAsync<CarmenException>()).Which.Kind.Should().Be(ErrorKind.NotFound);
    }

    [Fact]
    public async Task SameDeviceIdUnderAnotherTenantIsADifferentGrain()
    {
        ITenantGrain first = await TestTenants.CreateAsync(cluster.Grains);
        ITenantGrain second = await TestTenants.CreateAsync(cluster.Grains);
        await Device(new DeviceKey(first.GetPrimaryKeyString(), "shared")).RegisterAsync(new DeviceDraft(null, "First's", "c1"), "r");

        Func<Task> read = () => Device(new DeviceKey(second.GetPrimaryKeyString(), "shared")).GetAsync();

        (await read.Should().ThrowAsync<CarmenException>()).Which.Kind.Should().Be(ErrorKind.NotFound);
    }

    private IDeviceGrain Device(DeviceKey key) => cluster.Grains.GetGrain<IDeviceGrain>(key.ToString());
}
