using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Carmen.Testing;

namespace Carmen.Silo.Tests;

/// <summary>
/// A rollout on a two-silo PostgreSQL cluster survives both silos being killed mid-rollout (its state, the approval
/// gate, outcomes reported just before the kill, recovered by the batches asking the devices, and the rest of the
/// run), and carries on through the survivor when one of the two is killed.
/// </summary>
public sealed class PostgresRolloutRestartTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    private const string AdminPassword = "rollout-admin-1";
    private const int Devices = 40;
    private readonly TempDirectory _data = new();

    [PostgresFact]
    public async Task RolloutCarriesOnAfterTheWholeClusterIsKilledAndRestarted()
    {
        string connectionString = await postgres.Server.CreateDatabaseAsync();
        Dictionary<string, string> siloA = Silo(connectionString), siloB = Silo(connectionString);
        string token;
        string gatewayToken;
        long rolloutId;
        List<string> rest;
        await using (CarmenProcess a = await CarmenProcess.StartAsync(Path.Combine(_data.Path, "a"), siloA))
        await using (CarmenProcess b = await CarmenProcess.StartAsync(Path.Combine(_data.Path, "b"), siloB))
        {
            token = await a.Http.SignInAsync("admin", AdminPassword);
            await a.Http.CreateTenantWithClusterAsync(token, "acme");
            await a.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/acme/devices/bulk?wait=25",
                Enumerable.Range(0, Devices).Select(i => new { id = $"dev-{i:D2}", clusterId = "c1" }).ToArray());
            long setId = await CreateDistributionSetAsync(b.Http, token);
            gatewayToken = (await a.Http.SendJsonAsync(token, HttpMethod.Put, "/api/v1/tenants/acme/ddi-settings", new { issueGatewayToken = true }))["gatewayToken"]!.GetValue<string>();
            rolloutId = (await b.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/acme/rollouts", new
            {
                name = "across a power cut",
                distributionSetId = setId,
                groups = new object[] { new { name = "canary", percentage = 25, successCondition = new { requireApproval = true } }, new { name = "rest", percentage = 100 } },
            }))["id"]!.GetValue<long>();
            await WaitAsync(a.Http, token, rolloutId, rollout => rollout["status"]!.GetValue<string>() == "ready");
            await a.Http.SendJsonAsync(token, HttpMethod.Post, $"/api/v1/tenants/acme/rollouts/{rolloutId}/start");
            await WaitAsync(b.Http, token, rolloutId, rollout => Count(rollout, 0, "running") == 10);
            foreach (string device in await MembersAsync(a.Http, token, rolloutId, 0))
            {
                await FinishAsync(device.GetHashCode(StringComparison.Ordinal) % 2 == 0 ? a.Http : b.Http, gatewayToken, device);
            }

            await WaitAsync(a.Http, token, rolloutId, rollout => rollout["groups"]![0]!["status"]!.GetValue<string>() == "waitingForApproval");
            await b.Http.SendJsonAsync(token, HttpMethod.Post, $"/api/v1/tenants/acme/rollouts/{rolloutId}/approve");
            await WaitAsync(a.Http, token, rolloutId, rollout => Count(rollout, 1, "running") == 30);
            rest = await MembersAsync(b.Http, token, rolloutId, 1);
            foreach (string device in rest.Take(15))
            {
                await FinishAsync(a.Http, gatewayToken, device);
            }

            await Task.WhenAll(a.KillAsync(), b.KillAsync());
        }

        await using CarmenProcess a2 = await CarmenProcess.StartAsync(Path.Combine(_data.Path, "a"), siloA);
        await using CarmenProcess b2 = await CarmenProcess.StartAsync(Path.Combine(_data.Path, "b"), siloB);
        JsonNode recovered = await WaitAsync(a2.Http, token, rolloutId, rollout => Count(rollout, 1, "succeeded") == 15);
        foreach (string device in rest.Skip(15))
        {
            await FinishAsync(b2.Http, gatewayToken, device);
        }

        JsonNode finished = await WaitAsync(b2.Http, token, rolloutId, rollout => rollout["status"]!.GetValue<string>() == "finished");

        (recovered["status"]!.GetValue<string>(), Count(recovered, 0, "succeeded"), Count(recovered, 1, "running")).Should().Be(("running", 10, 15));
        finished["counts"]!["succeeded"]!.GetValue<int>().Should().Be(Devices);
    }

    [PostgresFact]
    public async Task RolloutCarriesOnThroughTheSurvivorWhenOneOfTwoSilosIsKilled()
    {
        string connectionString = await postgres.Server.CreateDatabaseAsync();
        await using CarmenProcess survivor = await CarmenProcess.StartAsync(Path.Combine(_data.Path, "survivor"), Silo(connectionString));
        await using CarmenProcess victim = await CarmenProcess.StartAsync(Path.Combine(_data.Path, "victim"), Silo(connectionString));
        string token = await survivor.Http.SignInAsync("admin", AdminPassword);
        await survivor.Http.CreateTenantWithClusterAsync(token, "acme");
        await victim.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/acme/devices/bulk?wait=25",
            Enumerable.Range(0, Devices).Select(i => new { id = $"dev-{i:D2}", clusterId = "c1" }).ToArray());
        long setId = await CreateDistributionSetAsync(victim.Http, token);
        string gatewayToken = (await victim.Http.SendJsonAsync(token, HttpMethod.Put, "/api/v1/tenants/acme/ddi-settings", new { issueGatewayToken = true }))["gatewayToken"]!.GetValue<string>();
        long rolloutId = (await victim.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/acme/rollouts", new
        {
            name = "through a failover",
            distributionSetId = setId,
            groups = new object[] { new { name = "first half", percentage = 50 }, new { name = "rest", percentage = 100 } },
        }))["id"]!.GetValue<long>();
        await WaitAsync(victim.Http, token, rolloutId, rollout => rollout["status"]!.GetValue<string>() == "ready");
        await victim.Http.SendJsonAsync(token, HttpMethod.Post, $"/api/v1/tenants/acme/rollouts/{rolloutId}/start");
        await WaitAsync(victim.Http, token, rolloutId, rollout => Count(rollout, 0, "running") == Devices / 2);
        List<string> first = await MembersAsync(victim.Http, token, rolloutId, 0);
        foreach (string device in first.Take(10))
        {
            await FinishAsync(victim.Http, gatewayToken, device);
        }

        await victim.KillAsync();
        foreach (string device in first.Skip(10))
        {
            await UntilItWorksAsync(() => FinishAsync(survivor.Http, gatewayToken, device));
        }

        await UntilItWorksAsync(() => WaitAsync(survivor.Http, token, rolloutId, rollout => Count(rollout, 1, "running") == Devices / 2));
        foreach (string device in await MembersAsync(survivor.Http, token, rolloutId, 1))
        {
            await UntilItWorksAsync(() => FinishAsync(survivor.Http, gatewayToken, device));
        }

        JsonNode finished = await UntilItWorksAsync(() => WaitAsync(survivor.Http, token, rolloutId, rollout => rollout["status"]!.GetValue<string>() == "finished"));

        finished["counts"]!["succeeded"]!.GetValue<int>().Should().Be(Devices, "outcomes reported before the kill and after it both count");
    }

    /// <summary>Retries a step while the cluster has not yet declared the killed silo dead (its grains answer nothing until then).</summary>
    private static async Task<T> UntilItWorksAsync<T>(Func<Task<T>> step)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return await step();
            }
            catch (Exception) when (clock.Elapsed < TimeSpan.FromSeconds(90))
            {
                await Task.Delay(500);
            }
        }
    }

    private static Task<bool> UntilItWorksAsync(Func<Task> step) => UntilItWorksAsync(async () =>
    {
        await step();
        return true;
    });

    public void Dispose() => _data.Dispose();

    private static int Count(JsonNode rollout, int group, string state) => rollout["groups"]![group]!["counts"]![state]!.GetValue<int>();

    private static async Task<JsonNode> WaitAsync(HttpClient http, string token, long rolloutId, Func<JsonNode, bool> condition)
    {
        // A whole cluster restarts under this rollout: a minute of patience, not the default ten seconds.
        JsonNode rollout = await Eventually.ReadAsync(() => http.GetJsonAsync(token, $"/api/v1/tenants/acme/rollouts/{rolloutId}"), condition, TimeSpan.FromMinutes(1));

        condition(rollout).Should().BeTrue(rollout.ToJsonString());
        return rollout;
    }

    private static async Task<List<string>> MembersAsync(HttpClient http, string token, long rolloutId, int group) =>
        [.. (await http.GetJsonAsync(token, $"/api/v1/tenants/acme/rollouts/{rolloutId}/devices?group={group}&limit=1000"))
            .AsArray().Select(member => member!["targetId"]!.GetValue<string>())];

    /// <summary>The device (through the tenant's DDI gateway token) reports its rollout action finished.</summary>
    private static async Task FinishAsync(HttpClient http, string gatewayToken, string device)
    {
        string controller = $"/acme/controller/v1/{device}";
        using var root = new HttpRequestMessage(HttpMethod.Get, controller) { Headers = { Authorization = new AuthenticationHeaderValue("GatewayToken", gatewayToken) } };
        JsonNode answer = JsonNode.Parse(await (await http.SendAsync(root)).Content.ReadAsStringAsync())!;
        string href = answer["_links"]!["deploymentBase"]!["href"]!.GetValue<string>();
        string actionId = href.Split('?')[0].Split('/')[^1];
        using var feedback = new HttpRequestMessage(HttpMethod.Post, $"{controller}/deploymentBase/{actionId}/feedback")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("GatewayToken", gatewayToken) },
            Content = JsonContent.Create(new { status = new { execution = "closed", result = new { finished = "success" } } }),
        };
        HttpResponseMessage response = await http.SendAsync(feedback);
        response.IsSuccessStatusCode.Should().BeTrue(await response.Content.ReadAsStringAsync());
    }

    private static async Task<long> CreateDistributionSetAsync(HttpClient http, string token)
    {
        long moduleId = (await http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/acme/software-modules", new { name = "edge-os", version = "2.0.0", type = "os" }))["id"]!.GetValue<long>();
        using var upload = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tenants/acme/software-modules/{moduleId}/artifacts?filename=os.bin")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
            Content = new ByteArrayContent([1, 2, 3, 4]) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } },
        };
        (await http.SendAsync(upload)).IsSuccessStatusCode.Should().BeTrue();
        return (await http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/acme/distribution-sets", new { name = "edge", version = "2.0.0", modules = new[] { moduleId } }))["id"]!.GetValue<long>();
    }

    private static Dictionary<string, string> Silo(string connectionString) => new(CarmenProcess.ClusterEnvironment(connectionString, AdminPassword))
    {
        ["Carmen__Rollouts__TickInterval"] = "00:00:00.200",
        ["Carmen__Orleans__SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
        ["Carmen__Orleans__GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
    };
}
