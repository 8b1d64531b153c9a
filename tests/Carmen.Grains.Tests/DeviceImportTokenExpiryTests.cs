using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Tenants;

namespace Carmen.Grains.Tests;

/// <summary>An import's result holds the access tokens it created for an hour after it completes, then forgets them.</summary>
[Collection(ShiftedClockCollection.Name)]
public sealed class DeviceImportTokenExpiryTests(ShiftedClockClusterFixture cluster)
{
    [Fact]
    public async Task TheTokensOfAnImportAreForgottenAnHourAfterItCompleted()
    {
        ITenantGrain tenant = await TestTenants.CreateAsync(cluster.Grains);
        IDeviceImportGrain import = cluster.Grains.GetGrain<IDeviceImportGrain>(TenantScopedKey.Compose(tenant.GetPrimaryKeyString(), "import-tokens"));
        await import.StartAsync([new DeviceDraft("a", "A", "c1"), new DeviceDraft("b", "B", "c1")]);
        DeviceImportStatus completed = await import.WaitForCompletionAsync(TimeSpan.FromSeconds(20), includeRows: true);

        cluster.Clock.Advance(TimeSpan.FromMinutes(59));
        DeviceImportStatus within = await import.GetStatusAsync(includeRows: true);
        cluster.Clock.Advance(TimeSpan.FromMinutes(2));
        DeviceImportStatus after = await import.GetStatusAsync(includeRows: true);

        completed.Rows!.Should().OnlyContain(row => row.Registration!.AccessToken.Length > 0);
        within.Rows!.Should().OnlyContain(row => row.Registration!.AccessToken.Length > 0, "the caller has an hour to collect them");
        after.Rows!.Should().OnlyContain(row => row.Registration!.AccessToken.Length == 0);
        after.Succeeded.Should().Be(2, "the outcome stays; only the secret goes");
    }
}
