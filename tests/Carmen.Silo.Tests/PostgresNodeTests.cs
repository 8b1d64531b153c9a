using System.Text.Json.Nodes;
using Carmen.Testing;

namespace Carmen.Silo.Tests;

/// <summary>A real Carmen process in the cluster profile: membership, grain state, reminders and the device index in PostgreSQL.</summary>
public sealed class PostgresNodeTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    private const string AdminPassword = "postgres-admin-1";
    private readonly TempDirectory _data = new();

    [PostgresFact]
    public async Task NodeOnPostgresKeepsEverythingAcrossAKill()
    {
        Dictionary<string, string> environment = await ClusterEnvironmentAsync();
        string token;
        await using (CarmenProcess first = await CarmenProcess.StartAsync(_data.Path, environment))
        {
            token = await first.Http.SignInAsync("admin", AdminPassword);
            await first.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants", new { id = "acme", name = "Acme", limits = new { maxDevices = 1000 } });
            await first.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/acme/business-units", new { id = "plant", name = "Plant" });
            await first.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/acme/business-units/plant/clusters", new { id = "line-1", name = "Line 1" });
            object[] rows = [.. Enumerable.Range(0, 600).Select(i => new { id = $"dev-{i:D4}", clusterId = "line-1", labels = i % 6 == 0 ? new[] { "canary" } : [] })];
            JsonNode import = await first.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/acme/devices/bulk?wait=25", rows);
            import["succeeded"]!.GetValue<int>().Should().Be(600, import.ToJsonString());
            await first.Http.SendJsonAsync(token, HttpMethod.Put, "/api/v1/tenants/acme/devices/dev-0001/attributes/shared", new { interval = 15 });
            await first.Http.SendJsonAsync(token, HttpMethod.Delete, "/api/v1/tenants/acme/devices/dev-0002");
            await first.Http.SendJsonAsync(token, HttpMethod.Delete, "/api/v1/tenants/acme/devices/dev-0002?purge=true");

            await first.KillAsync();
        }

        await using CarmenProcess second = await CarmenProcess.StartAsync(_data.Path, environment);

        (await second.Http.GetJsonAsync(token, "/api/v1/tenants/acme"))["deviceCount"]!.GetValue<int>().Should().Be(599);
        (await second.Http.GetJsonAsync(token, "/api/v1/tenants/acme/devices?label=canary&pageSize=1"))["total"]!.GetValue<long>().Should().Be(100);
        (await second.Http.GetJsonAsync(token, "/api/v1/tenants/acme/devices/dev-0001"))["sharedAttributes"]!["interval"]!.GetValue<int>().Should().Be(15);
        (await second.Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/tenants/acme/devices/dev-0002")
        {
            Headers = { Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token) },
        })).StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound, "a purged device stays purged");
        await second.Http.SignInAsync("admin", AdminPassword);
    }

    public void Dispose() => _data.Dispose();

    /// <summary>The node keeps its silo and gateway ports across the restart, as a deployed node does.</summary>
    private async Task<Dictionary<string, string>> ClusterEnvironmentAsync() => new()
    {
        ["Carmen__Storage"] = "Postgres",
        ["ConnectionStrings__Carmen"] = await postgres.Server.CreateDatabaseAsync(),
        ["CARMEN_ADMIN_PASSWORD"] = AdminPassword,
        ["Carmen__Orleans__SiloPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Carmen__Orleans__GatewayPort"] = FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
