using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Carmen.Testing;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Devices;

public sealed class BulkImportTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task JsonImportReportsEachRowAndCreatesOnlyTheValidOnes()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        await admin.CreateDeviceAsync(tenant, "existing");
        object[] rows =
        [
            new { id = "ok-1", name = "Pump 1", clusterId = "c1", labels = new[] { "pump" } },
            new { id = "bad id", clusterId = "c1" },
            new { id = "ok-2", clusterId = "c1", type = "pump", firmwareVersion = "1.2.3" },
            new { id = "lost", clusterId = "nowhere" },
            new { id = "existing", clusterId = "c1" },
            new { id = "ok-1", clusterId = "c1" },
            new { id = "no-cluster" },
        ];

        JsonObject import = await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices/bulk?wait=20", rows);

        import["state"]!.GetValue<string>().Should().Be("completed");
        import["succeeded"]!.GetValue<int>().Should().Be(2);
        import["failed"]!.GetValue<int>().Should().Be(5);
        JsonArray results = import["rows"]!.AsArray();
        results.Select(row => row!["status"]!.GetValue<string>()).Should().Equal("created", "failed", "created", "failed", "failed", "failed", "failed");
        results.Select(row => row!["errors"]!.AsArray().FirstOrDefault()?["field"]?.GetValue<string>())
            .Should().Equal(null, "id", null, "clusterId", "id", "id", "clusterId");
        results[0]!["accessToken"]!.GetValue<string>().Should().NotBeNullOrEmpty();
        JsonObject list = await admin.GetAsync($"/api/v1/tenants/{tenant}/devices?sort=id");
        list["items"]!.AsArray().Select(device => device!["id"]!.GetValue<string>()).Should().Equal("existing", "ok-1", "ok-2");
        (await admin.GetAsync($"/api/v1/tenants/{tenant}"))["deviceCount"]!.GetValue<int>().Should().Be(3);
    }

    [Fact]
    public async Task CsvImportCreatesDevicesWithLabelsAndQuotedNames()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        const string csv = """"
            id,name,clusterId,type,labels,firmwareVersion
            csv-1,"Press, north",c1,press,hot;line-a,2.0.0
            csv-2,"Say ""hi""",c1,press,,2.0.1
            """";

        JsonObject import = await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices/bulk?wait=20", new StringContent(csv, Encoding.UTF8, "text/csv"));

        import["succeeded"]!.GetValue<int>().Should().Be(2);
        JsonObject first = await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/csv-1");
        first["name"]!.GetValue<string>().Should().Be("Press, north");
        first["labels"]!.AsArray().Select(label => label!.GetValue<string>()).Should().Equal("hot", "line-a");
        first["firmwareVersion"]!.GetValue<string>().Should().Be("2.0.0");
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/csv-2"))["name"]!.GetValue<string>().Should().Be("Say \"hi\"");
    }

    [Fact]
    public async Task MalformedCsvIsRefusedWholeNamingTheLine()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        const string csv = "id,clusterId\nok-1,c1\nbroken,c1,extra\n";

        HttpResponseMessage response = await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices/bulk", new StringContent(csv, Encoding.UTF8, "text/csv"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "line 3");
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices"))["total"]!.GetValue<long>().Should().Be(0);
    }

    [Fact]
    public async Task ImportWithoutWaitIsAcceptedAndItsProgressCanBeFollowed()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        object[] rows = [.. Enumerable.Range(0, 1200).Select(i => new { id = $"bulk-{i:D5}", clusterId = "c1" })];

        HttpResponseMessage accepted = await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices/bulk", rows);
        accepted.StatusCode.Should().Be(HttpStatusCode.Accepted);
        string location = accepted.Headers.Location!.ToString();
        JsonObject status = await Eventually.ReadAsync(
            async () =>
            {
                JsonObject progress = await admin.GetAsync(location);
                progress["processed"]!.GetValue<int>().Should().BeInRange(0, 1200);
                return progress;
            },
            progress => progress["state"]!.GetValue<string>() == "completed",
            TimeSpan.FromMinutes(1));
        status["state"]!.GetValue<string>().Should().Be("completed");

        status["succeeded"]!.GetValue<int>().Should().Be(1200);
        (await admin.GetAsync(location + "?rows=true"))["rows"]!.AsArray().Should().HaveCount(1200);
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices?pageSize=1"))["total"]!.GetValue<long>().Should().Be(1200);
    }

    [Fact]
    public async Task MistypedJsonRowIsRefusedNamingTheRowAndField()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        const string json = """[{"id":"a","clusterId":"c1"},{"id":"b","clusterId":"c1","labels":5}]""";

        HttpResponseMessage response = await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices/bulk", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "[1].labels");
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices"))["total"]!.GetValue<long>().Should().Be(0);
    }

    [Fact]
    public async Task ImportOverTheLimitIsRefusedWhole()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        object[] rows = [.. Enumerable.Range(0, 10_001).Select(i => new { id = $"d{i}", clusterId = "c1" })];

        HttpResponseMessage response = await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices/bulk", rows);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "devices");
    }

    [Fact]
    public async Task ImportRespectsTheTenantDeviceLimitRowByRow()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync(maxDevices: 3);
        object[] rows = [.. Enumerable.Range(0, 5).Select(i => new { id = $"d{i}", clusterId = "c1" })];

        JsonObject import = await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices/bulk?wait=20", rows);

        import["succeeded"]!.GetValue<int>().Should().Be(3);
        import["rows"]!.AsArray().Skip(3).Should().AllSatisfy(row => row!["errors"]![0]!["status"]!.GetValue<int>().Should().Be(409));
        (await admin.GetAsync($"/api/v1/tenants/{tenant}"))["deviceCount"]!.GetValue<int>().Should().Be(3);
    }
}
