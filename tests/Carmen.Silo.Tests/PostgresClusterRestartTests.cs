using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Carmen.Testing;
using Xunit.Abstractions;

namespace Carmen.Silo.Tests;

/// <summary>
/// Both silos of a two-silo cluster on PostgreSQL die at once (SIGKILL, as in a power cut) and come back on the same
/// addresses, as deployed nodes do; everything written before must be there.
/// </summary>
public sealed class PostgresClusterRestartTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>, IDisposable
{
    private const string AdminPassword = "restart-admin-1";
    private const int Devices = 400;
    private readonly TempDirectory _data = new();

    [PostgresFact]
    public async Task WholeClusterKilledAndRestartedKeepsEverything()
    {
        string connectionString = await postgres.Server.CreateDatabaseAsync();
        Dictionary<string, string> siloA = Silo(connectionString), siloB = Silo(connectionString);
        string adminToken;
        await using (CarmenProcess a = await CarmenProcess.StartAsync(Path.Combine(_data.Path, "a"), siloA))
        await using (CarmenProcess b = await CarmenProcess.StartAsync(Path.Combine(_data.Path, "b"), siloB))
        {
            adminToken = await a.Http.SignInAsync("admin", AdminPassword);
            await a.Http.SendJsonAsync(adminToken, HttpMethod.Post, "/api/v1/tenants", new { id = "acme", name = "Acme", limits = new { maxDevices = 1000 } });
            await a.Http.SendJsonAsync(adminToken, HttpMethod.Post, "/api/v1/tenants", new { id = "other", name = "Other" });
            await b.Http.SendJsonAsync(adminToken, HttpMethod.Post, "/api/v1/tenants/other/suspend");
            await a.Http.SendJsonAsync(adminToken, HttpMethod.Post, "/api/v1/tenants/acme/business-units", new { id = "north", name = "North" });
            await b.Http.SendJsonAsync(adminToken, HttpMethod.Post, "/api/v1/tenants/acme/business-units/north/clusters", new { id = "line-1", name = "Line 1" });
            await a.Http.SendJsonAsync(adminToken, HttpMethod.Post, "/api/v1/tenants/acme/users", new { username = "olga", password = "operator-pass-1", role = "operator" });
            object[] rows = [.. Enumerable.Range(0, Devices).Select(i => new { id = $"dev-{i:D3}", name = $"Device {i}", clusterId = "line-1", labels = i % 4 == 0 ? new[] { "canary" } : [] })];
            (await b.Http.SendJsonAsync(adminToken, HttpMethod.Post, "/api/v1/tenants/acme/devices/bulk?wait=25", rows))["succeeded"]!.GetValue<int>().Should().Be(Devices);
            for (int i = 0; i < Devices; i += 20)
            {
                CarmenProcess writer = i % 40 == 0 ? a : b;
                await writer.Http.SendJsonAsync(adminToken, HttpMethod.Put, $"/api/v1/tenants/acme/devices/dev-{i:D3}/attributes/shared", new { written = i });
            }

            await a.Http.SendJsonAsync(adminToken, HttpMethod.Patch, "/api/v1/tenants/acme/devices/dev-007", new { quarantined = true });
            await b.Http.SendJsonAsync(adminToken, HttpMethod.Delete, "/api/v1/tenants/acme/devices/dev-008");

            await Task.WhenAll(a.KillAsync(), b.KillAsync());
        }

        // The first node back finds its peer still listed as active (nobody was left to declare it dead), and joins once
        // that peer's liveness row is stale; the second finds its own earlier incarnation and replaces it at once.
        var clock = Stopwatch.StartNew();
        await using CarmenProcess a2 = await CarmenProcess.StartAsync(Path.Combine(_data.Path, "a"), siloA);
        TimeSpan firstReady = clock.Elapsed;
        await using CarmenProcess b2 = await CarmenProcess.StartAsync(Path.Combine(_data.Path, "b"), siloB);
        output.WriteLine($"after killing both silos: the first was ready {firstReady.TotalSeconds:N1} s after its start, the second {(clock.Elapsed - firstReady).TotalSeconds:N1} s after its own");

        // A token issued before the restart still validates: the signing keys live in PostgreSQL, not in a silo.
        System.Text.Json.Nodes.JsonNode acme = await b2.Http.GetJsonAsync(adminToken, "/api/v1/tenants/acme");
        acme["deviceCount"]!.GetValue<int>().Should().Be(Devices - 1, "one device was decommissioned");
        (await a2.Http.GetJsonAsync(adminToken, "/api/v1/tenants/acme/business-units/north/clusters/line-1"))["name"]!.GetValue<string>().Should().Be("Line 1");
        (await a2.Http.GetJsonAsync(adminToken, "/api/v1/tenants/other"))["status"]!.GetValue<string>().Should().Be("suspended");
        (await a2.Http.GetJsonAsync(adminToken, "/api/v1/tenants/acme/devices?label=canary&pageSize=1"))["total"]!.GetValue<long>().Should().Be(Devices / 4);
        (await b2.Http.GetJsonAsync(adminToken, "/api/v1/tenants/acme/devices/dev-007"))["status"]!.GetValue<string>().Should().Be("quarantined");
        (await a2.Http.GetJsonAsync(adminToken, "/api/v1/tenants/acme/devices/dev-008"))["status"]!.GetValue<string>().Should().Be("decommissioned");

        string operatorToken = await a2.Http.SignInAsync("olga", "operator-pass-1", tenant: "acme");
        for (int i = 0; i < Devices; i++)
        {
            CarmenProcess reader = i % 2 == 0 ? a2 : b2;
            System.Text.Json.Nodes.JsonNode device = await reader.Http.GetJsonAsync(operatorToken, $"/api/v1/tenants/acme/devices/dev-{i:D3}");
            device["name"]!.GetValue<string>().Should().Be($"Device {i}");
            if (i % 20 == 0)
            {
                device["sharedAttributes"]!["written"]!.GetValue<int>().Should().Be(i);
            }
        }

        // The restarted cluster takes writes again, and the quota still counts the devices registered before.
        using var overQuota = new HttpRequestMessage(HttpMethod.Post, "/api/v1/tenants/acme/devices/bulk?wait=25")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", adminToken) },
            Content = System.Net.Http.Json.JsonContent.Create(Enumerable.Range(0, 601).Select(i => new { id = $"new-{i:D3}", clusterId = "line-1" })),
        };
        HttpResponseMessage response = await b2.Http.SendAsync(overQuota);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        System.Text.Json.Nodes.JsonNode import = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        import["succeeded"]!.GetValue<int>().Should().Be(1000 - (Devices - 1), "the quota of 1,000 already holds the 399 devices from before the restart");
    }

    public void Dispose() => _data.Dispose();

    /// <summary>Each silo keeps its silo and gateway ports across the restart, as a deployed node does.</summary>
    private static Dictionary<string, string> Silo(string connectionString) => new(CarmenProcess.ClusterEnvironment(connectionString, AdminPassword))
    {
        ["Carmen__Orleans__SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
        ["Carmen__Orleans__GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
    };
}
