using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Tenants;

namespace Carmen.Grains.Tests;

[Collection(ClusterCollection.Name)]
public sealed class DeviceImportGrainTests(ClusterFixture cluster)
{
    [Fact]
    public async Task ImportWorksThroughAllBatchesAndKeepsRowOrder()
    {
        ITenantGrain tenant = await TestTenants.CreateAsync(cluster.Grains);
        string tenantId = tenant.GetPrimaryKeyString();
        DeviceDraft[] drafts = [.. Enumerable.Range(0, 1000).Select(i => new DeviceDraft(i % 100 == 7 ? "bad id" : $"d{i:D4}", $"Device {i}", "c1"))];
        IDeviceImportGrain import = cluster.Grains.GetGrain<IDeviceImportGrain>(TenantScopedKey.Compose(tenantId, "import-1"));

        await import.StartAsync(drafts);
        DeviceImportStatus status = await import.WaitForCompletionAsync(TimeSpan.FromSeconds(20), includeRows: true);

        status.State.Should().Be(DeviceImportState.Completed);
        status.Succeeded.Should().Be(990);
        status.Failed.Should().Be(10);
        status.Rows!.Select(row => row.Index).Should().Equal(Enumerable.Range(0, 1000));
        (await cluster.Index.CountInServiceAsync(tenantId, null)).Should().Be(990);
    }

    [Fact]
    public async Task AnImportIdCannotBeReused()
    {
        ITenantGrain tenant = await TestTenants.CreateAsync(cluster.Grains);
        IDeviceImportGrain import = cluster.Grains.GetGrain<IDeviceImportGrain>(TenantScopedKey.Compose(tenant.GetPrimaryKeyString(), "import-2"));
        await import.StartAsync([new DeviceDraft("a", "A", "c1")]);

        Func<Task> again = () => import.StartAsync([new DeviceDraft("b", "B", "c1")]);

        (await again.Should().ThrowAsync<CarmenException>()).Which.Kind.Should().Be(ErrorKind.Conflict);
    }

    [Fact]
    public async Task UnknownImportIsNotFound()
    {
        IDeviceImportGrain import = cluster.Grains.GetGrain<IDeviceImportGrain>(TenantScopedKey.Compose("nobody", "nothing"));

        Func<Task> status = () => import.GetStatusAsync(includeRows: false);

        (await status.Should().ThrowAsync<CarmenException>()).Which.Kind.Should().Be(ErrorKind.NotFound);
    }
}
