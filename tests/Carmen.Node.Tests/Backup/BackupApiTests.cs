using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Carmen.Node.Tests.Rollouts;
using Carmen.Testing.Node;
using Microsoft.Extensions.Time.Testing;

namespace Carmen.Node.Tests.Backup;

/// <summary>
/// Backups through the API: settings validated field by field and taking effect at once, a backup run now and followed
/// to the repository, verified (a flipped byte named by file, and the platform alert), drilled with its recovery time
/// recorded, a stale backup raising "Backups failing" until the next success; platform administrators only.
/// </summary>
public sealed class BackupApiTests : IAsyncLifetime
{
    private const string Backups = "/api/v1/platform/backups";
    private const string Settings = "/api/v1/platform/backup-settings";
    private static readonly JsonSerializerOptions s_web = new(JsonSerializerDefaults.Web);
    private readonly string _work = Path.Combine(Path.GetTempPath(), "carmen-backup-tests", Guid.NewGuid().ToString("N"));

    private string Repository => Path.Combine(_work, "repository");

    private string KeyFile => Path.Combine(_work, "backup.key");

    [Fact]
    public async Task ABackupRunThroughTheApiIsFollowedVerifiedAndDrilled()
    {
        await using var node = new CarmenApiFactory();
        using RolloutSetup fleet = await RolloutSetup.CreateAsync(node, devices: 2);
        await fleet.CreateRolloutAsync(new { name = "2.0 everywhere", distributionSetId = fleet.NewSetId, groups = new object[] { new { name = "all", percentage = 100 } } });
        CarmenClient admin = fleet.Admin;
        await admin.SendOkAsync(HttpMethod.Put, Settings, new { destination = Repository, keyFile = KeyFile, retention = new { keepLast = 3 } });

        HttpResponseMessage started = await admin.SendAsync(HttpMethod.Post, Backups);
        started.StatusCode.Should().Be(HttpStatusCode.Accepted);
        JsonObject run = JsonNode.Parse(await started.Content.ReadAsStringAsync())!.AsObject();
        string id = run["id"]!.GetValue<string>();
        run["status"]!.GetValue<string>().Should().Be("running");
        started.Headers.Location!.ToString().Should().Be($"{Backups}/{id}");

        JsonObject backup = await admin.GetEventuallyAsync($"{Backups}/{id}", body => body["status"]!.GetValue<string>() != "running");
        backup["status"]!.GetValue<string>().Should().Be("succeeded", backup.ToJsonString());
        backup["backup"]!["keysIncluded"]!.GetValue<bool>().Should().BeTrue();
        backup["counts"]!["devices"]!.GetValue<long>().Should().Be(2);
        backup["fingerprint"]!.GetValue<string>().Should().HaveLength(64);
        JsonObject listing = await admin.GetAsync(Backups);
        listing["items"]!.AsArray().Select(item => item!["id"]!.GetValue<string>()).Should().Equal(id);
        listing["runs"]![0]!["status"]!.GetValue<string>().Should().Be("succeeded");
        listing["health"]!["lastSuccessAt"].Should().NotBeNull();
        listing["health"]!["lastSizeBytes"]!.GetValue<long>().Should().BePositive();
        listing["health"]!["failing"]!.GetValue<bool>().Should().BeFalse();

        JsonObject verified = await admin.SendOkAsync(HttpMethod.Post, $"{Backups}/{id}/verify");
        verified["intact"]!.GetValue<bool>().Should().BeTrue(verified.ToJsonString());

        (await admin.SendAsync(HttpMethod.Post, $"{Backups}/{id}/drill")).StatusCode.Should().Be(HttpStatusCode.Accepted);
        JsonObject drilled = await admin.GetEventuallyAsync($"{Backups}/{id}", body => body["drills"]!.AsArray().Count == 1);
        JsonNode drill = drilled["drills"]![0]!;
        drill["passed"]!.GetValue<bool>().Should().BeTrue(drill.ToJsonString());
        drill["restoreSeconds"]!.GetValue<double>().Should().BePositive();
        drill["checks"]!.AsArray().Select(check => check!.GetValue<string>()).Should().Contain(check => check.StartsWith("devices of tenant", StringComparison.Ordinal))
            .And.Contain(check => check.StartsWith($"rollout {fleet.Tenant}/", StringComparison.Ordinal), "the newest rollout reads back through the grain-state serializer");

        await FlipByteAsync(Path.Combine(Repository, id, "telemetry.db"));
        JsonObject damaged = await admin.SendOkAsync(HttpMethod.Post, $"{Backups}/{id}/verify");
        damaged["intact"]!.GetValue<bool>().Should().BeFalse();
        damaged["problems"]!.AsArray().Select(problem => problem!.GetValue<string>()).Should().ContainSingle().Which.Should().StartWith("telemetry.db: ");
        (await admin.GetAsync($"{Backups}/{id}"))["verifications"]!.AsArray().Select(check => check!["intact"]!.GetValue<bool>()).Should().Equal(true, false);
        JsonObject alert = await BackupsFailingAsync(admin);
        alert["details"]!.ToJsonString().Should().Contain($"Backup {id} does not verify");
        (await admin.GetAsync(Backups))["health"]!["failing"]!.GetValue<bool>().Should().BeTrue();

        await File.WriteAllTextAsync(Path.Combine(Repository, id, "manifest.json"), "{ not a manifest");
        (await admin.GetAsync(Backups))["items"]!.AsArray().Should().BeEmpty("a backup whose manifest does not read is not listed as one");
        JsonObject unreadable = await admin.GetAsync($"{Backups}/{id}");
        unreadable["status"]!.GetValue<string>().Should().Be("failed");
        unreadable["error"]!.GetValue<string>().Should().Contain("manifest cannot be read");
        JsonObject reverified = await admin.SendOkAsync(HttpMethod.Post, $"{Backups}/{id}/verify");
        reverified["problems"]!.AsArray().Select(problem => problem!.GetValue<string>()).Should().Contain(problem => problem.StartsWith("manifest", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AStaleBackupRaisesTheAlertUntilTheNextOneSucceeds()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var node = new CarmenApiFactory { BackupClock = clock };
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(node);
        await admin.SendOkAsync(HttpMethod.Put, Settings, new { destination = Repository, maxAge = "01:00:00" });

        clock.Advance(TimeSpan.FromHours(2));
        await admin.SendOkAsync(HttpMethod.Put, Settings, new { destination = Repository, maxAge = "01:00:00" });
        JsonObject alert = await BackupsFailingAsync(admin);
        alert["details"]!.ToJsonString().Should().Contain("No successful backup");

        string id = (await admin.SendOkAsync(HttpMethod.Post, Backups))["id"]!.GetValue<string>();
        await admin.GetEventuallyAsync($"{Backups}/{id}", body => body["status"]!.GetValue<string>() == "succeeded");
        await admin.GetEventuallyAsync($"/api/v1/platform/alerts/{alert["id"]}", cleared => cleared["clearedAt"] is not null);
    }

    [Fact]
    public async Task SettingsAreValidatedFieldByFieldAndOnlyPlatformAdministratorsReachBackups()
    {
        await using var node = new CarmenApiFactory();
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(node);
        await ExpectInvalidAsync(admin, new { schedule = "every night", destination = Repository }, "schedule");
        await ExpectInvalidAsync(admin, new { drillSchedule = "0 5 * *", destination = Repository }, "drillSchedule");
        await ExpectInvalidAsync(admin, new { timeZone = "Mars/Olympus", destination = Repository }, "timeZone");
        await ExpectInvalidAsync(admin, new { schedule = "0 3 * * *" }, "destination");
        await ExpectInvalidAsync(admin, new { destination = "relative/backups" }, "destination");
        await ExpectInvalidAsync(admin, new { destination = Repository, retention = new { keepLast = -1 } }, "retention.keepLast");
        await ExpectInvalidAsync(admin, new { destination = Repository, maxAge = "soon" }, "maxAge");
        await ExpectInvalidAsync(admin, new { destination = Repository, keyFile = Path.Combine(_work, "missing.key") }, "keyFile");
        await ExpectInvalidAsync(admin, new { }, "destination", HttpMethod.Post, Backups); // nowhere to put it yet

        var settings = new { schedule = "0 3 * * *", timeZone = "Europe/Berlin", destination = Repository, keyFile = KeyFile,
            retention = new { keepLast = 2, daily = 7, weekly = 4, monthly = 12 }, drillSchedule = "0 5 * * 0", maxAge = "1.02:00:00", maxDrillAge = "8.00:00:00" };
        await admin.SendOkAsync(HttpMethod.Put, Settings, settings);
        JsonObject read = await admin.GetAsync(Settings);
        read.ToJsonString().Should().Be(JsonSerializer.SerializeToNode(settings, s_web)!.ToJsonString());
        JsonArray audit = (await admin.GetAsync("/api/v1/platform/audit?limit=1000"))["records"]!.AsArray();
        audit.Should().Contain(record => record!["targetType"]!.GetValue<string>().Contains("backup", StringComparison.Ordinal), "a settings change is on the platform's audit trail");
        (await admin.SendAsync(HttpMethod.Get, $"{Backups}/20000101T000000Z")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await admin.SendAsync(HttpMethod.Post, $"{Backups}/..%2F..%2Fetc/verify")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        string tenant = await admin.CreateTenantAsync();
        using CarmenClient tenantAdmin = await CarmenClient.SignInAsync(node, tenant, $"{tenant}-admin", CarmenClient.UserPassword);
        foreach ((HttpMethod method, string path) in new[] { (HttpMethod.Get, Backups), (HttpMethod.Post, Backups), (HttpMethod.Get, Settings), (HttpMethod.Put, Settings),
            (HttpMethod.Get, $"{Backups}/20000101T000000Z"), (HttpMethod.Post, $"{Backups}/20000101T000000Z/verify"), (HttpMethod.Post, $"{Backups}/20000101T000000Z/drill") })
        {
            (await tenantAdmin.SendAsync(method, path, method == HttpMethod.Put ? new { destination = "/tmp" } : null)).StatusCode.Should().Be(HttpStatusCode.Forbidden, $"{method} {path}");
        }
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_work);
        await File.WriteAllTextAsync(KeyFile, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_work, recursive: true);
        return Task.CompletedTask;
    }

    private static async Task<JsonObject> BackupsFailingAsync(CarmenClient admin)
    {
        JsonObject alerts = await admin.GetEventuallyAsync("/api/v1/platform/alerts",
            page => page["items"]!.AsArray().Any(alert => alert!["ruleName"]!.GetValue<string>() == "Backups failing"));
        string id = alerts["items"]!.AsArray().First(alert => alert!["ruleName"]!.GetValue<string>() == "Backups failing")!["id"]!.GetValue<string>();
        return await admin.GetAsync($"/api/v1/platform/alerts/{id}");
    }

    private static async Task FlipByteAsync(string path)
    {
        byte[] bytes = await File.ReadAllBytesAsync(path);
        bytes[bytes.Length / 2] ^= 0xFF;
        await File.WriteAllBytesAsync(path, bytes);
    }

    private static async Task ExpectInvalidAsync(CarmenClient admin, object body, string field, HttpMethod? method = null, string path = Settings) =>
        await (await admin.SendAsync(method ?? HttpMethod.Put, path, body)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
}
