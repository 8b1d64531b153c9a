using System.Net;
using System.Text.Json.Nodes;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Tenants;

public sealed class LifecycleTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task RotatingCredentialsIssuesANewTokenOnce()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        string first = (await admin.CreateDeviceAsync(tenant, "d1"))["accessToken"]!.GetValue<string>();

        JsonObject rotated = await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices/d1/credentials/rotate");
        JsonObject fetched = await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/d1");

        rotated["accessToken"]!.GetValue<string>().Should().NotBe(first).And.HaveLength(32);
        fetched.ContainsKey("accessToken").Should().BeFalse();
    }

    [Fact]
    public async Task ProvisionedTokenCannotBeReusedByAnotherDevice()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        await admin.CreateDeviceAsync(tenant, "d1", extra: new { accessToken = "factory-flashed-token-0001-AbCdEfGhIjKl" });

        HttpResponseMessage response = await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices",
            new { id = "d2", clusterId = "c1", accessToken = "factory-flashed-token-0001-AbCdEfGhIjKl" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "accessToken");
    }

    [Fact]
    public async Task AttributesKeepTheirJsonValues()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        await admin.CreateDeviceAsync(tenant, "d1");

        await admin.SendOkAsync(HttpMethod.Put, $"/api/v1/tenants/{tenant}/devices/d1/attributes/shared",
            new { interval = 30, mode = "eco", enabled = true, limits = new { max = 7.5 } });
        JsonObject device = await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/d1");

        JsonNode shared = device["sharedAttributes"]!;
        shared["interval"]!.GetValue<int>().Should().Be(30);
        shared["mode"]!.GetValue<string>().Should().Be("eco");
        shared["enabled"]!.GetValue<bool>().Should().BeTrue();
        shared["limits"]!["max"]!.GetValue<double>().Should().Be(7.5);
    }

    [Fact]
    public async Task DecommissionFreesTheQuotaAndPurgeErasesTheDevice()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync(maxDevices: 1);
        await admin.CreateDeviceAsync(tenant, "old");

        JsonObject retired = await admin.SendOkAsync(HttpMethod.Delete, $"/api/v1/tenants/{tenant}/devices/old");
        await admin.CreateDeviceAsync(tenant, "new");
        HttpResponseMessage purgeInService = await admin.SendAsync(HttpMethod.Delete, $"/api/v1/tenants/{tenant}/devices/new?purge=true");
        HttpResponseMessage purge = await admin.SendAsync(HttpMethod.Delete, $"/api/v1/tenants/{tenant}/devices/old?purge=true");

        retired["status"]!.GetValue<string>().Should().Be("decommissioned");
        await purgeInService.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        purge.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await admin.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{tenant}/devices/old")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices"))["total"]!.GetValue<long>().Should().Be(1);
    }

    [Fact]
    public async Task QuarantineIsSetAndLifted()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        await admin.CreateDeviceAsync(tenant, "d1");

        JsonObject quarantined = await admin.SendOkAsync(HttpMethod.Patch, $"/api/v1/tenants/{tenant}/devices/d1", new { quarantined = true });
        JsonObject released = await admin.SendOkAsync(HttpMethod.Patch, $"/api/v1/tenants/{tenant}/devices/d1", new { quarantined = false, name = "Renamed", labels = new[] { "b", "a" } });

        quarantined["status"]!.GetValue<string>().Should().Be("quarantined");
        released["status"]!.GetValue<string>().Should().Be("registered");
        released["name"]!.GetValue<string>().Should().Be("Renamed");
        released["labels"]!.AsArray().Select(label => label!.GetValue<string>()).Should().Equal("a", "b");
    }

    [Fact]
    public async Task HierarchyRemovalIsRefusedWhileSomethingRemainsUnderneath()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        await admin.CreateDeviceAsync(tenant, "d1");

        HttpResponseMessage unitWithCluster = await admin.SendAsync(HttpMethod.Delete, $"/api/v1/tenants/{tenant}/business-units/bu");
        HttpResponseMessage clusterWithDevice = await admin.SendAsync(HttpMethod.Delete, $"/api/v1/tenants/{tenant}/business-units/bu/clusters/c1");
        await admin.SendOkAsync(HttpMethod.Delete, $"/api/v1/tenants/{tenant}/devices/d1");
        HttpResponseMessage emptiedCluster = await admin.SendAsync(HttpMethod.Delete, $"/api/v1/tenants/{tenant}/business-units/bu/clusters/c1");
        HttpResponseMessage emptiedUnit = await admin.SendAsync(HttpMethod.Delete, $"/api/v1/tenants/{tenant}/business-units/bu");

        await unitWithCluster.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await clusterWithDevice.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        emptiedCluster.StatusCode.Should().Be(HttpStatusCode.NoContent);
        emptiedUnit.StatusCode.Should().Be(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task BusinessUnitIdsAreDerivedFromNamesAndKeptUnique()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();

        JsonObject first = await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/business-units", new { name = "Plant Berlin" });
        JsonObject second = await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/business-units", new { name = "Plant  Berlin!" });
        JsonObject renamed = await admin.SendOkAsync(HttpMethod.Patch, $"/api/v1/tenants/{tenant}/business-units/plant-berlin", new { name = "Plant Berlin-Mitte" });

        first["id"]!.GetValue<string>().Should().Be("plant-berlin");
        second["id"]!.GetValue<string>().Should().Be("plant-berlin-2");
        renamed["name"]!.GetValue<string>().Should().Be("Plant Berlin-Mitte");
    }

    [Fact]
    public async Task TenantDeletionNeedsConfirmationAndNoDevicesInService()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        await admin.CreateDeviceAsync(tenant, "d1");

        HttpResponseMessage unconfirmed = await admin.SendAsync(HttpMethod.Delete, $"/api/v1/tenants/{tenant}");
        HttpResponseMessage withDevice = await admin.SendAsync(HttpMethod.Delete, $"/api/v1/tenants/{tenant}?confirm={tenant}");
        await admin.SendOkAsync(HttpMethod.Delete, $"/api/v1/tenants/{tenant}/devices/d1");
        HttpResponseMessage deleted = await admin.SendAsync(HttpMethod.Delete, $"/api/v1/tenants/{tenant}?confirm={tenant}");

        await unconfirmed.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "confirm");
        await withDevice.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        (await admin.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{tenant}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await factory.CreateClient().PostAsync(new Uri("/api/v1/auth/token", UriKind.Relative),
            System.Net.Http.Json.JsonContent.Create(new { tenant, username = $"{tenant}-admin", password = CarmenClient.UserPassword })))
            .StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TenantSettingsArePatchedKeyByKey()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();

        await admin.SendOkAsync(HttpMethod.Patch, $"/api/v1/tenants/{tenant}", new { settings = new { timezone = "Europe/Berlin", locale = "de" } });
        JsonObject patched = await admin.SendOkAsync(HttpMethod.Patch, $"/api/v1/tenants/{tenant}", new { displayName = "ACME GmbH", settings = new Dictionary<string, string?> { ["locale"] = null } });

        patched["displayName"]!.GetValue<string>().Should().Be("ACME GmbH");
        patched["settings"]!.AsObject().Select(setting => setting.Key).Should().Equal("timezone");
    }
}
