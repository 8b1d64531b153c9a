using System.Globalization;
using System.Text.Json.Nodes;
using Carmen.Silo.Backup;
using Carmen.Testing;
using MQTTnet;

namespace Carmen.Silo.Tests;

/// <summary>
/// The PostgreSQL profile's backup of a two-silo cluster, taken while it runs: by the command (pg_dump in an exported
/// snapshot) and through the API (the platform's backups grain, on whichever silo holds it); verified, drilled into a
/// scratch database, refused over a database that holds Carmen's state, and restored into a new database after the
/// original is lost and checked (index rows a crash left behind rebuilt), where two new silos find every device,
/// attribute, rollout and telemetry point acknowledged before it. The API is driven with curl.
/// </summary>
public sealed class PostgresBackupTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    private const string AdminPassword = "backup-admin-1";
    private const int Devices = 120;
    private readonly TempDirectory _work = new();
    private readonly long _start = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds(); // within history's retention

    private string Repository => Path.Combine(_work.Path, "repository");

    [PostgresFact]
    public async Task ATwoSiloClusterIsBackedUpWhileRunningAndRestoredIntoANewDatabase()
    {
        string database = await postgres.Server.CreateDatabaseAsync();
        string token;
        string backup;
        await using (CarmenProcess a = await CarmenProcess.StartAsync(Path.Combine(_work.Path, "a"), Silo(database)))
        await using (CarmenProcess b = await CarmenProcess.StartAsync(Path.Combine(_work.Path, "b"), Silo(database)))
        {
            token = await a.Http.SignInAsync("admin", AdminPassword);
            await a.Http.CreateTenantWithClusterAsync(token, "acme");
            object[] rows = [.. Enumerable.Range(0, Devices).Select(i => new { id = $"dev-{i:D3}", name = $"Device {i}", clusterId = "c1" })];
            (await b.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/acme/devices/bulk?wait=25", rows))["succeeded"]!.GetValue<int>().Should().Be(Devices);
            await a.Http.SendJsonAsync(token, HttpMethod.Put, "/api/v1/tenants/acme/devices/dev-007/attributes/shared", new { firmwareChannel = "beta" });
            long module = (await a.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/acme/software-modules", new { name = "os", version = "2.0", type = "os" }))["id"]!.GetValue<long>();
            using (var upload = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tenants/acme/software-modules/{module}/artifacts?filename=os.bin")
            {
                Headers = { Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token) },
                Content = new ByteArrayContent(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4_096)) { Headers = { ContentType = new("application/octet-stream") } },
            })
            {
                (await a.Http.SendAsync(upload)).EnsureSuccessStatusCode();
            }

            long set = (await b.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/acme/distribution-sets", new { name = "os", version = "2.0", modules = new[] { module } }))["id"]!.GetValue<long>();
            await a.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/acme/rollouts",
                new { name = "os 2.0", distributionSetId = set, groups = new object[] { new { name = "all", percentage = 100 } } });
            string deviceToken = await b.Http.CreateDeviceAsync(token, "acme", "sensor");
            await using (DeviceMqttClient sensor = await DeviceMqttClient.ConnectAsync(a.MqttPort, deviceToken))
            {
                for (int seq = 1; seq <= 10; seq++)
                {
                    (await sensor.PublishAsync("v1/devices/me/telemetry", $$$"""{"ts":{{{_start + seq}}},"values":{"seq":{{{seq}}}}}""")).ReasonCode.Should().Be(MqttClientPublishReasonCode.Success);
                }
            }

            await Eventually.ReadAsync(() => b.Http.GetJsonAsync(token, $"/api/v1/tenants/acme/devices/sensor/telemetry?key=seq&from={_start}&to={_start + 100}"),
                history => history["points"]!.AsArray().Count == 10); // stored, so the dump can hold it

            var output = new StringWriter();
            (await BackupCommand.RunAsync(["--to", Repository, .. Cluster(database, "a")], output, TimeProvider.System)).Should().Be(0, output.ToString());
            output.ToString().Should().Contain($"pg_dump of {Devices + 1} devices");
            backup = Directory.GetDirectories(Repository).Single(directory => Path.GetFileName(directory) != "artifacts");

            // The same through the API, with curl as the operator's client: whichever silo holds the platform's backups grain runs pg_dump.
            (string settingsStatus, _) = await CurlAsync(b, token, "PUT", "/api/v1/platform/backup-settings", $$"""{"destination":"{{Path.Combine(_work.Path, "api-repository")}}"}""");
            settingsStatus.Should().Be("200");
            (string runStatus, JsonNode run) = await CurlAsync(a, token, "POST", "/api/v1/platform/backups");
            runStatus.Should().Be("202", run.ToJsonString());
            string id = run["id"]!.GetValue<string>();
            JsonNode taken = await Eventually.ReadAsync(() => b.Http.GetJsonAsync(token, $"/api/v1/platform/backups/{id}"), body => body["status"]!.GetValue<string>() != "running");
            taken["status"]!.GetValue<string>().Should().Be("succeeded", taken.ToJsonString());
            taken["backup"]!["profile"]!.GetValue<string>().Should().Be("postgres");
            taken["counts"]!["devices"]!.GetValue<long>().Should().Be(Devices + 1);

            await Task.WhenAll(a.KillAsync(), b.KillAsync()); // the cluster is lost with its database
        }

        (int verified, string verifyOutput) = await RunAsync(VerifyBackupCommand.RunAsync, ["--from", backup]);
        (int drilled, string drillOutput) = await RunAsync((args, writer) => DrillCommand.RunAsync(args, writer, TimeProvider.System), ["--from", backup, .. Cluster(database, "a")]);
        (int refused, string refusedOutput) = await RunAsync(RestoreCommand.RunAsync, ["--from", backup, .. Cluster(database, "a")]);
        string replacement = await postgres.Server.CreateDatabaseAsync();
        (int restored, string restoreOutput) = await RunAsync(RestoreCommand.RunAsync, ["--from", backup, .. Cluster(replacement, "a2")]);

        verified.Should().Be(0, verifyOutput);
        drilled.Should().Be(0, drillOutput);
        drillOutput.Should().Contain($"devices of tenant acme: {Devices + 1}").And.Contain("rollout acme/").And.Contain("history of acme/sensor/seq: 10 points")
            .And.Contain("audit chain ").And.Contain("drill passed");
        refused.Should().Be(1);
        refusedOutput.Should().Contain("holds Carmen's state already");
        restored.Should().Be(0, restoreOutput);
        restoreOutput.Should().Contain("the state matches its manifest");

        // A crash that left index rows behind their devices: check finds them, and rebuilds them from device state.
        await ExecuteAsync(replacement, "UPDATE devices SET name = 'stale', name_key = 'stale' WHERE device_id = 'dev-005'; DELETE FROM devices WHERE device_id = 'dev-006'");
        (int found, string foundOutput) = await RunAsync(Integrity.CheckCommand.RunAsync, ["--dry-run", .. Cluster(replacement, "a2")]);
        (int repaired, string repairOutput) = await RunAsync(Integrity.CheckCommand.RunAsync, Cluster(replacement, "a2"));
        found.Should().Be(1, foundOutput);
        foundOutput.Should().Contain("acme/dev-005: the index row differs from state").And.Contain("acme/dev-006: no index row");
        repaired.Should().Be(0, repairOutput);
        repairOutput.Should().Contain("database: schema").And.Contain($"{Devices + 1} devices, {Devices} index rows: 1 missing, 1 stale, 0 orphaned")
            .And.Contain("artifacts: 1 referenced, 0 missing")
            .And.Contain("check: intact once 2 problem(s) were repaired");

        await using CarmenProcess a2 = await CarmenProcess.StartAsync(Path.Combine(_work.Path, "a2"), Silo(replacement));
        await using CarmenProcess b2 = await CarmenProcess.StartAsync(Path.Combine(_work.Path, "b2"), Silo(replacement));
        string again = await b2.Http.SignInAsync("admin", AdminPassword);
        (await a2.Http.GetJsonAsync(again, "/api/v1/tenants/acme/devices?pageSize=1"))["total"]!.GetValue<long>().Should().Be(Devices + 1);
        (await b2.Http.GetJsonAsync(again, "/api/v1/tenants/acme/devices?namePrefix=Device%205&pageSize=1"))["items"]![0]!["id"]!.GetValue<string>().Should().Be("dev-005");
        (await b2.Http.GetJsonAsync(again, "/api/v1/tenants/acme/devices/dev-007"))["sharedAttributes"]!["firmwareChannel"]!.GetValue<string>().Should().Be("beta");
        JsonNode history = await a2.Http.GetJsonAsync(again, $"/api/v1/tenants/acme/devices/sensor/telemetry?key=seq&from={_start}&to={_start + 100}");
        history["points"]!.AsArray().Select(point => point!["value"]!.GetValue<int>()).Should().BeEquivalentTo(Enumerable.Range(1, 10));
        (await a2.Http.GetJsonAsync(token, "/api/v1/tenants/acme"))["id"]!.GetValue<string>().Should().Be("acme", "a token from before the loss still validates: the signing keys came back with the database");
    }

    public void Dispose() => _work.Dispose();

    private static Dictionary<string, string> Silo(string connectionString) => new(CarmenProcess.ClusterEnvironment(connectionString, AdminPassword))
    {
        ["Carmen__Orleans__SiloPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
        ["Carmen__Orleans__GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A cluster's configuration as the commands take it (pg_dump and pg_restore from the PATH); the data directory holds the backup signing key.</summary>
    private string[] Cluster(string connectionString, string silo) =>
        ["--Carmen:Storage=Postgres", $"--ConnectionStrings:Carmen={connectionString}", $"--Carmen:DataDirectory={Path.Combine(_work.Path, silo)}"];

    /// <summary>curl to a silo's API; the status code and the JSON body.</summary>
    private static async Task<(string Status, JsonNode Body)> CurlAsync(CarmenProcess silo, string token, string method, string path, string? json = null)
    {
        string[] arguments = ["-sS", "-X", method, "-H", $"Authorization: Bearer {token}", "-w", "\n%{http_code}",
            .. json is null ? Array.Empty<string>() : ["-H", "Content-Type: application/json", "--data", json], $"http://127.0.0.1:{silo.HttpPort}{path}"];
        (int exitCode, string output) = await ExternalTool.RunAsync("/usr/bin/curl", arguments, TimeSpan.FromSeconds(30));
        exitCode.Should().Be(0, output);
        string[] lines = output.TrimEnd().Split('\n');
        return (lines[^1], JsonNode.Parse(string.Join('\n', lines[..^1]))!);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(Func<string[], TextWriter, Task<int>> command, string[] args)
    {
        var output = new StringWriter();
        int code = await command(args, output);
        return (code, output.ToString());
    }
}
