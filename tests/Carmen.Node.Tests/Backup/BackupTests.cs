using System.Text.Json.Nodes;
using Carmen.Silo.Backup;
using Carmen.Testing;
using Carmen.Testing.Node;
using MQTTnet;

namespace Carmen.Node.Tests.Backup;

/// <summary>
/// The embedded profile's backup, taken while a device publishes over MQTT: verify passes and catches a flipped byte
/// and a removed file by name; a drill passes (and a damaged backup fails its drill, saying why); restore refuses a data directory that holds a store, and into an empty one brings back
/// every write acknowledged before the backup (telemetry acknowledged as stored, devices created through the API before
/// and while it runs: each acknowledged before its consistency point is there), the
/// key ring (the restored node signs its administrator in) and a state that matches the manifest.
/// </summary>
public sealed class BackupTests : IAsyncLifetime
{
    private readonly long _start = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds(); // within history's retention
    private readonly string _work = Path.Combine(Path.GetTempPath(), "carmen-backup-tests", Guid.NewGuid().ToString("N"));

    private string Repository => Path.Combine(_work, "repository");

    private string KeyFile => Path.Combine(_work, "backup.key");

    [Fact]
    public async Task ABackupTakenUnderLoadVerifiesAndRestoresEverythingAcknowledgedBeforeIt()
    {
        await using var source = new CarmenApiFactory { Settings = new Dictionary<string, string> { ["Carmen:Mqtt:Acknowledge"] = "Stored" } };
        (CarmenClient admin, string tenant, string token) = await CarmenClient.TenantWithDeviceAsync(source, "d1");
        await admin.CreateDeviceAsync(tenant, "d2");
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(source.MqttPort, token);
        for (int seq = 1; seq <= 20; seq++)
        {
            (await device.PublishAsync("v1/devices/me/telemetry", $$$"""{"ts":{{{_start + seq}}},"values":{"seq":{{{seq}}}}}""")).ReasonCode.Should().Be(MqttClientPublishReasonCode.Success);
        }

        using var loading = new CancellationTokenSource();
        Task load = PublishUntilCancelledAsync(device, loading.Token); // the node goes on taking telemetry while the backup runs
        var acknowledged = new List<(string DeviceId, DateTimeOffset At)>();
        Task writes = CreateDevicesUntilCancelledAsync(admin, tenant, acknowledged, loading.Token); // and operators go on writing through the API
        await Task.Delay(200); // some writes land before the backup starts, some during it
        var output = new StringWriter();
        int backedUp = await BackupCommand.RunAsync(["--to", Repository, "--key-file", KeyFile, $"--Carmen:DataDirectory={source.DataDirectory}"], output, TimeProvider.System);
        await loading.CancelAsync();
        await Task.WhenAll(load, writes);
        string backup = Directory.GetDirectories(Repository).Single(directory => Path.GetFileName(directory) != "artifacts");
        string fingerprint = output.ToString().Split("signed by key ")[1].Trim().Split('\n')[0].Trim();

        (int verified, string verifyOutput) = await RunAsync(VerifyBackupCommand.RunAsync, ["--from", backup, "--fingerprint", fingerprint]);
        (int refused, string refusedOutput) = await RunAsync(RestoreCommand.RunAsync, ["--from", backup, "--key-file", KeyFile, $"--Carmen:DataDirectory={source.DataDirectory}"]);
        (int drilled, string drillOutput) = await RunAsync((args, writer) => DrillCommand.RunAsync(args, writer, TimeProvider.System), ["--from", backup, "--key-file", KeyFile, "--fingerprint", fingerprint]);
        string restored = Path.Combine(_work, "restored");
        (int restoredCode, string restoreOutput) = await RunAsync(RestoreCommand.RunAsync, ["--from", backup, "--key-file", KeyFile, $"--Carmen:DataDirectory={restored}"]);

        backedUp.Should().Be(0, output.ToString());
        verified.Should().Be(0, verifyOutput);
        refused.Should().Be(1);
        refusedOutput.Should().Contain("holds a store already");
        drilled.Should().Be(0, drillOutput);
        drillOutput.Should().Contain("drill passed").And.Contain("history of ").And.Contain("audit chain ").And.Contain("devices of tenant");
        (await File.ReadAllLinesAsync(Path.Combine(backup, "drills.jsonl"))).Should().ContainSingle().Which.Should().Contain("\"passed\":true");
        restoredCode.Should().Be(0, restoreOutput);
        restoreOutput.Should().Contain("the state matches its manifest");

        await using var target = new CarmenApiFactory { DataDirectory = restored };
        using CarmenClient restoredAdmin = await CarmenClient.SignInAsAdminAsync(target);
        JsonObject history = await restoredAdmin.GetAsync($"/api/v1/tenants/{tenant}/devices/d1/telemetry?key=seq&from={_start}&to={_start + 100}");
        history["points"]!.AsArray().Select(point => point!["value"]!.GetValue<int>()).Should().BeEquivalentTo(Enumerable.Range(1, 20), "every point acknowledged before the backup");
        (await restoredAdmin.GetAsync($"/api/v1/tenants/{tenant}/devices/d2"))["id"]!.GetValue<string>().Should().Be("d2");
        DateTimeOffset consistencyPoint = BackupManifest.Read(backup).CreatedAt; // every store's snapshot begins after it
        string[] beforeBackup = [.. acknowledged.Where(write => write.At < consistencyPoint).Select(write => write.DeviceId)];
        beforeBackup.Should().NotBeEmpty("the API wrote before the backup began");
        foreach (string deviceId in beforeBackup)
        {
            (await restoredAdmin.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{tenant}/devices/{deviceId}")).StatusCode.Should().Be(System.Net.HttpStatusCode.OK,
                $"{deviceId} was acknowledged before the backup's consistency point");
        }
    }

    [Fact]
    public async Task VerifyAndTheDrillNameAFlippedByteAndAMissingFile()
    {
        await using (var source = new CarmenApiFactory())
        {
            using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(source);
            await admin.CreateDeviceAsync(await admin.CreateTenantAsync(), "d1");
            (await BackupCommand.RunAsync(["--to", Repository, $"--Carmen:DataDirectory={source.DataDirectory}"], TextWriter.Null, TimeProvider.System)).Should().Be(0);
        }

        string backup = Directory.GetDirectories(Repository).Single(directory => Path.GetFileName(directory) != "artifacts");
        string telemetry = Path.Combine(backup, "telemetry.db");
        byte[] bytes = await File.ReadAllBytesAsync(telemetry);
        bytes[bytes.Length / 2] ^= 0x01;
        await File.WriteAllBytesAsync(telemetry, bytes);
        File.Delete(Path.Combine(backup, "audit.db"));
        (int verified, string output) = await RunAsync(VerifyBackupCommand.RunAsync, ["--from", backup]);
        (int drilled, string drillOutput) = await RunAsync((args, writer) => DrillCommand.RunAsync(args, writer, TimeProvider.System), ["--from", backup]);
        (int wrongKey, string wrongKeyOutput) = await RunAsync(VerifyBackupCommand.RunAsync, ["--from", backup, "--fingerprint", new string('0', 64)]);

        verified.Should().Be(1);
        output.Should().Contain("telemetry.db: ").And.Contain("audit.db: missing").And.Contain("2 problem(s)");
        output.Should().NotContain("carmen.db:", "an intact file is not a problem");
        drilled.Should().Be(1);
        drillOutput.Should().Contain("drill failed: the backup does not verify").And.Contain("audit.db: missing");
        wrongKey.Should().Be(1);
        wrongKeyOutput.Should().Contain("not by the pinned");
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_work);
        await File.WriteAllTextAsync(KeyFile, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)));
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_work, recursive: true);
        return Task.CompletedTask;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(Func<string[], TextWriter, Task<int>> command, string[] args)
    {
        var output = new StringWriter();
        int exit = await command(args, output);
        return (exit, output.ToString());
    }

    /// <summary>Creates devices one after another, noting when each creation was acknowledged.</summary>
    private static async Task CreateDevicesUntilCancelledAsync(CarmenClient admin, string tenant, List<(string DeviceId, DateTimeOffset At)> acknowledged, CancellationToken cancellationToken)
    {
        for (int i = 0; !cancellationToken.IsCancellationRequested; i++)
        {
            await admin.CreateDeviceAsync(tenant, $"api-{i:D4}");
            acknowledged.Add(($"api-{i:D4}", DateTimeOffset.UtcNow));
        }
    }

    private static async Task PublishUntilCancelledAsync(DeviceMqttClient device, CancellationToken cancellationToken)
    {
        for (int i = 0; !cancellationToken.IsCancellationRequested; i++)
        {
            await device.PublishAsync("v1/devices/me/telemetry", $$"""{"load":{{i}}}""");
        }
    }
}
