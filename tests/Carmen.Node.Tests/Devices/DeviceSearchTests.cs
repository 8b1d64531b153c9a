using System.Text.Json.Nodes;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Devices;

/// <summary>Listings come from the query index: every filter, sorting, and continuation paging that visits each device once.</summary>
public sealed class DeviceSearchTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>, IAsyncLifetime
{
    private CarmenClient _admin = null!;
    private string _tenant = null!;

    public async Task InitializeAsync()
    {
        _admin = await CarmenClient.SignInAsAdminAsync(factory);
        _tenant = await _admin.CreateTenantAsync();
        await _admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{_tenant}/business-units", new { id = "south", name = "South" });
        await _admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{_tenant}/business-units/south/clusters", new { id = "c2", name = "Cluster two" });
        object[] rows =
        [
            .. Enumerable.Range(0, 30).Select(i => new
            {
                id = $"dev-{i:D2}",
                name = i % 2 == 0 ? $"Pump {i:D2}" : $"valve {i:D2}",
                clusterId = i < 20 ? "c1" : "c2",
                type = i % 2 == 0 ? "pump" : "valve",
                labels = i % 3 == 0 ? new[] { "critical", "north" } : new[] { "north" },
                firmwareVersion = i < 10 ? "1.0.0" : "2.0.0",
            }),
        ];
        await _admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{_tenant}/devices/bulk?wait=20", rows);
        await _admin.SendOkAsync(HttpMethod.Patch, $"/api/v1/tenants/{_tenant}/devices/dev-05", new { quarantined = true });
    }

    public Task DisposeAsync()
    {
        _admin.Dispose();
        return Task.CompletedTask;
    }

    [Theory]
    [InlineData("", 30)]
    [InlineData("clusterId=c2", 10)]
    [InlineData("businessUnitId=south", 10)]
    [InlineData("businessUnitId=bu", 20)]
    [InlineData("businessUnitId=bu&clusterId=c2", 0)]
    [InlineData("type=pump", 15)]
    [InlineData("label=critical", 10)]
    [InlineData("label=critical&label=north", 10)]
    [InlineData("label=critical&clusterId=c1", 7)]
    [InlineData("firmwareVersion=1.0.0", 10)]
    [InlineData("namePrefix=pump", 15)]
    [InlineData("namePrefix=VALVE%201", 5)]
    [InlineData("status=quarantined", 1)]
    [InlineData("status=registered", 29)]
    [InlineData("status=online", 0)]
    public async Task FiltersCountTheMatchingDevices(string query, int expected)
    {
        JsonObject page = await _admin.GetAsync($"/api/v1/tenants/{_tenant}/devices?pageSize=1000&{query}");

        page["total"]!.GetValue<long>().Should().Be(expected);
        page["items"]!.AsArray().Should().HaveCount(expected);
    }

    [Theory]
    [InlineData("name", "asc")]
    [InlineData("name", "desc")]
    [InlineData("id", "asc")]
    [InlineData("id", "desc")]
    [InlineData("createdAt", "asc")]
    [InlineData("lastSeenAt", "desc")]
    public async Task ContinuationPagingVisitsEveryDeviceOnceInOrder(string sort, string order)
    {
        var seen = new List<JsonNode>();
        string? token = null;
        do
        {
            string continuation = token is null ? "" : $"&continuationToken={Uri.EscapeDataString(token)}";
            JsonObject page = await _admin.GetAsync($"/api/v1/tenants/{_tenant}/devices?pageSize=7&sort={sort}&order={order}{continuation}");
            page["total"]!.GetValue<long>().Should().Be(30);
            seen.AddRange(page["items"]!.AsArray().Select(item => item!.DeepClone()));
            token = page["continuationToken"]?.GetValue<string>();
        }
        while (token is not null);

        seen.Select(item => item["id"]!.GetValue<string>()).Should().OnlyHaveUniqueItems().And.HaveCount(30);
        if (sort == "name")
        {
            IEnumerable<string> names = seen.Select(item => item["name"]!.GetValue<string>().ToLowerInvariant());
            (order == "asc" ? names.Should().BeInAscendingOrder(StringComparer.Ordinal) : names.Should().BeInDescendingOrder(StringComparer.Ordinal)).And.NotBeEmpty();
        }
        else if (sort == "id")
        {
            IEnumerable<string> ids = seen.Select(item => item["id"]!.GetValue<string>());
            (order == "asc" ? ids.Should().BeInAscendingOrder(StringComparer.Ordinal) : ids.Should().BeInDescendingOrder(StringComparer.Ordinal)).And.NotBeEmpty();
        }
    }

    [Fact]
    public async Task ListingShowsTheBusinessUnitOfEachDevice()
    {
        JsonObject page = await _admin.GetAsync($"/api/v1/tenants/{_tenant}/devices?clusterId=c2&pageSize=1");

        page["items"]![0]!["businessUnitId"]!.GetValue<string>().Should().Be("south");
    }

    [Fact]
    public async Task MovingAClusterMovesItsDevicesToTheNewBusinessUnit()
    {
        await _admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{_tenant}/business-units", new { id = "west", name = "West" });
        await _admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{_tenant}/business-units/west/clusters", new { id = "c3", name = "Three" });
        await _admin.CreateDeviceAsync(_tenant, "mover", clusterId: "c3");

        await _admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{_tenant}/business-units", new { id = "east", name = "East" });
        await _admin.SendOkAsync(HttpMethod.Patch, $"/api/v1/tenants/{_tenant}/business-units/west/clusters/c3", new { businessUnitId = "east" });

        (await _admin.GetAsync($"/api/v1/tenants/{_tenant}/devices?businessUnitId=east"))["total"]!.GetValue<long>().Should().Be(1);
        (await _admin.GetAsync($"/api/v1/tenants/{_tenant}/devices/mover"))["businessUnitId"]!.GetValue<string>().Should().Be("east");
    }
}
