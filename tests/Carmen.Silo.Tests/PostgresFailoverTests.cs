using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Carmen.Testing;
using Xunit.Abstractions;

namespace Carmen.Silo.Tests;

/// <summary>Two silo processes on one PostgreSQL database; one is killed and the other takes over its grains.</summary>
public sealed class PostgresFailoverTests(PostgresFixture postgres, ITestOutputHelper output) : IClassFixture<PostgresFixture>, IDisposable
{
    private const string AdminPassword = "failover-admin-1";
    private const int Devices = 300;
    private readonly TempDirectory _data = new();

    [PostgresFact]
    public Task KilledSiloLosesNoWrittenStateAndItsDevicesAnswerAgainThroughTheOther() =>
        LoseASiloAsync(victim => victim.KillAsync(), "killed");

    [PostgresFact]
    public Task HungSiloIsDeclaredDeadAndItsDevicesAnswerAgainThroughTheOther() =>
        LoseASiloAsync(victim => victim.FreezeAsync(), "hung (SIGSTOP)");

    private async Task LoseASiloAsync(Func<CarmenProcess, Task> lose, string how)
    {
        string connectionString = await postgres.Server.CreateDatabaseAsync();
        await using CarmenProcess survivor = await CarmenProcess.StartAsync(Path.Combine(_data.Path, "a"), Silo(connectionString));
        await using CarmenProcess victim = await CarmenProcess.StartAsync(Path.Combine(_data.Path, "b"), Silo(connectionString));
        string token = await survivor.Http.SignInAsync("admin", AdminPassword);
        await survivor.Http.CreateTenantWithClusterAsync(token, "acme");
        object[] rows = [.. Enumerable.Range(0, Devices).Select(i => new { id = $"dev-{i:D3}", name = $"Device {i}", clusterId = "c1" })];
        (await victim.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/acme/devices/bulk?wait=25", rows))["succeeded"]!.GetValue<int>().Should().Be(Devices);
        for (int i = 0; i < Devices; i += 10)
        {
            await victim.Http.SendJsonAsync(token, HttpMethod.Put, $"/api/v1/tenants/acme/devices/dev-{i:D3}/attributes/shared", new { written = i });
        }

        await lose(victim);
        var clock = Stopwatch.StartNew();
        var pending = new HashSet<int>(Enumerable.Range(0, Devices));
        while (pending.Count > 0 && clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            int[] round = [.. pending];
            bool[] answered = await Task.WhenAll(round.Select(i => AnswersWithItsStateAsync(survivor.Http, token, i)));
            pending.ExceptWith(round.Where((_, position) => answered[position]));
        }

        output.WriteLine($"silo {how}: all {Devices} devices answered through the surviving silo {clock.Elapsed.TotalSeconds:N1} s later");
        pending.Should().BeEmpty();
        JsonNode alerts = await survivor.Http.GetJsonAsync(token, "/api/v1/platform/alerts?ruleId=1");
        while (alerts["total"]!.GetValue<long>() == 0 && clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            await Task.Delay(500);
            alerts = await survivor.Http.GetJsonAsync(token, "/api/v1/platform/alerts?ruleId=1");
        }

        output.WriteLine($"silo {how}: the survivor raised its platform alert {clock.Elapsed.TotalSeconds:N1} s after");
        alerts["items"]!.AsArray().Should().ContainSingle().Which!["ruleName"]!.GetValue<string>().Should().Be("Silo left the cluster");
    }

    [PostgresFact]
    public async Task ImportWhoseSiloDiesIsResumedByItsReminderOnTheOtherSilo()
    {
        string connectionString = await postgres.Server.CreateDatabaseAsync();
        await using CarmenProcess survivor = await CarmenProcess.StartAsync(Path.Combine(_data.Path, "a"), Silo(connectionString));
        await using CarmenProcess victim = await CarmenProcess.StartAsync(Path.Combine(_data.Path, "b"), Silo(connectionString));
        string token = await survivor.Http.SignInAsync("admin", AdminPassword);
        await survivor.Http.CreateTenantWithClusterAsync(token, "bulk");
        object[] rows = [.. Enumerable.Range(0, 10_000).Select(i => new { id = $"d-{i:D5}", clusterId = "c1" })];
        string location = (await victim.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/bulk/devices/bulk", rows))["id"]!.GetValue<string>();
        while ((await victim.Http.GetJsonAsync(token, $"/api/v1/tenants/bulk/devices/imports/{location}"))["processed"]!.GetValue<int>() == 0)
        {
            await Task.Delay(20);
        }

        await victim.KillAsync();
        var clock = Stopwatch.StartNew();
        long? interruptedAt = null;
        long registered = 0;
        while (registered < 10_000 && clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            if (await RegisteredAsync(survivor, token) is long count)
            {
                interruptedAt ??= count;
                registered = count;
            }

            await Task.Delay(1000);
        }

        output.WriteLine($"import resumed on the surviving silo and completed {clock.Elapsed.TotalSeconds:N0} s after the kill (interrupted at {interruptedAt:N0} of 10,000)");
        interruptedAt.Should().BeLessThan(10_000, "the kill must have interrupted the import");
        registered.Should().Be(10_000);
        (await survivor.Http.GetJsonAsync(token, $"/api/v1/tenants/bulk/devices/imports/{location}"))["succeeded"]!.GetValue<int>().Should().Be(10_000);
    }

    [PostgresFact]
    public async Task DeviceCreatedThroughTheApiProcessIsReadThroughEachSilo()
    {
        string connectionString = await postgres.Server.CreateDatabaseAsync();
        await using CarmenProcess first = await CarmenProcess.StartAsync(Path.Combine(_data.Path, "a"), Silo(connectionString));
        await using CarmenProcess second = await CarmenProcess.StartAsync(Path.Combine(_data.Path, "b"), Silo(connectionString));
        await using CarmenProcess api = await CarmenProcess.StartAsync(Path.Combine(_data.Path, "api"),
            new Dictionary<string, string> { ["ConnectionStrings__Carmen"] = connectionString }, application: "Carmen.Api");

        string token = await api.Http.SignInAsync("admin", AdminPassword);
        await api.Http.CreateTenantWithClusterAsync(token, "acme");
        await api.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/acme/devices", new { id = "through-api", name = "Made by the API process", clusterId = "c1" });

        foreach (CarmenProcess silo in new[] { first, second })
        {
            (await silo.Http.GetJsonAsync(token, "/api/v1/tenants/acme/devices/through-api"))["name"]!.GetValue<string>().Should().Be("Made by the API process");
            (await silo.Http.GetJsonAsync(token, "/api/v1/tenants/acme/devices?pageSize=1"))["total"]!.GetValue<long>().Should().Be(1);
        }
    }

    [PostgresFact]
    public async Task RpcThroughOneSiloReachesADeviceConnectedToTheOther()
    {
        string connectionString = await postgres.Server.CreateDatabaseAsync();
        await using CarmenProcess holder = await CarmenProcess.StartAsync(Path.Combine(_data.Path, "a"), Silo(connectionString));
        await using CarmenProcess other = await CarmenProcess.StartAsync(Path.Combine(_data.Path, "b"), Silo(connectionString));
        string token = await other.Http.SignInAsync("admin", AdminPassword);
        await other.Http.CreateTenantWithClusterAsync(token, "acme");
        var answered = new List<string>();
        for (int i = 0; i < 10; i++)
        {
            // Ten devices, so whichever silo their grains land on, some calls must cross from one silo to the other.
            string accessToken = await other.Http.CreateDeviceAsync(token, "acme", $"pump-{i}");
            await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(holder.MqttPort, accessToken);
            await device.SubscribeAsync("v1/devices/me/rpc/request/+");
            Task<System.Text.Json.Nodes.JsonNode> call = other.Http.SendJsonAsync(token, HttpMethod.Post, $"/api/v1/tenants/acme/devices/pump-{i}/rpc", new { method = "getSpeed" });
            (string topic, string _) = (await device.ReceiveAsync(TimeSpan.FromSeconds(20)))!.Value;
            await device.PublishAsync(topic.Replace("/request/", "/response/", StringComparison.Ordinal), $$"""{"rpm":{{1000 + i}}}""");
            answered.Add((await call)["rpm"]!.ToJsonString());
        }

        answered.Should().Equal(Enumerable.Range(0, 10).Select(i => (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [PostgresFact]
    public async Task DevicesConnectedToAKilledSiloGoOffline()
    {
        string connectionString = await postgres.Server.CreateDatabaseAsync();
        await using CarmenProcess survivor = await CarmenProcess.StartAsync(Path.Combine(_data.Path, "a"), Silo(connectionString));
        await using CarmenProcess victim = await CarmenProcess.StartAsync(Path.Combine(_data.Path, "b"), Silo(connectionString));
        string token = await survivor.Http.SignInAsync("admin", AdminPassword);
        await survivor.Http.CreateTenantWithClusterAsync(token, "acme");
        var clients = new List<DeviceMqttClient>();
        for (int i = 0; i < 20; i++)
        {
            string accessToken = await survivor.Http.CreateDeviceAsync(token, "acme", $"m-{i}");
            DeviceMqttClient client = await DeviceMqttClient.ConnectAsync(victim.MqttPort, accessToken);
            await client.PublishAsync("v1/devices/me/telemetry", """{"x":1}""");
            clients.Add(client);
        }

        (await survivor.Http.GetJsonAsync(token, "/api/v1/tenants/acme/devices?status=online"))["total"]!.GetValue<long>().Should().Be(20);
        await victim.KillAsync();
        clients.ForEach(client => client.Client.Dispose());

        var clock = Stopwatch.StartNew();
        long? online = 20;
        while (online != 0 && clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(500);
            online = await OnlineAsync(survivor, token);
        }

        output.WriteLine($"devices of the killed silo offline {clock.Elapsed.TotalSeconds:N1} s after the kill");
        online.Should().Be(0);
    }

    [PostgresFact]
    public async Task ApiProcessStartedBeforeAnySiloServesOnceOneIsUp()
    {
        string connectionString = await postgres.Server.CreateDatabaseAsync();
        Task<CarmenProcess> starting = CarmenProcess.StartAsync(Path.Combine(_data.Path, "api"),
            new Dictionary<string, string> { ["ConnectionStrings__Carmen"] = connectionString }, application: "Carmen.Api");
        await Task.Delay(TimeSpan.FromSeconds(5));
        starting.IsCompleted.Should().BeFalse("no silo exists yet, not even the schema");

        await using CarmenProcess silo = await CarmenProcess.StartAsync(Path.Combine(_data.Path, "a"), Silo(connectionString));
        await using CarmenProcess api = await starting;
        api.Output.Should().Contain("No silo of the cluster answered");
        string token = await api.Http.SignInAsync("admin", AdminPassword);
        (await api.Http.GetJsonAsync(token, "/api/v1/tenants")).AsArray().Should().BeEmpty();
    }

    public void Dispose() => _data.Dispose();

    /// <summary>Online devices of tenant acme, or null while the cluster answers 503.</summary>
    private static async Task<long?> OnlineAsync(CarmenProcess node, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tenants/acme/devices?status=online&pageSize=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using HttpResponseMessage response = await node.Http.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK
            ? System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["total"]!.GetValue<long>()
            : null;
    }

    /// <summary>Devices in the index, or null while the cluster answers 503 (the dead silo not yet declared dead).</summary>
    private static async Task<long?> RegisteredAsync(CarmenProcess node, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/tenants/bulk/devices?pageSize=1");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using HttpResponseMessage response = await node.Http.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
        {
            return null;
        }

        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["total"]!.GetValue<long>();
    }

    private static async Task<bool> AnswersWithItsStateAsync(HttpClient http, string token, int i)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tenants/acme/devices/dev-{i:D3}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            using HttpResponseMessage response = await http.SendAsync(request, timeout.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return false;
            }

            System.Text.Json.Nodes.JsonNode device = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(timeout.Token))!;
            device["name"]!.GetValue<string>().Should().Be($"Device {i}", "the registration was written before the kill");
            if (i % 10 == 0)
            {
                device["sharedAttributes"]!["written"]!.GetValue<int>().Should().Be(i, "the attributes were written before the kill");
            }

            return true;
        }
        catch (Exception unavailable) when (unavailable is OperationCanceledException or HttpRequestException)
        {
            return false;
        }
    }

    private static Dictionary<string, string> Silo(string connectionString) => new(CarmenProcess.ClusterEnvironment(connectionString, AdminPassword))
    {
        ["Carmen__PlatformHealth__CheckInterval"] = "00:00:01",
    };
}
