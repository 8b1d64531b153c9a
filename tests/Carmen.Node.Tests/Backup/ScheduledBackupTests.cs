using System.Text.Json.Nodes;
using Carmen.Silo.Backup;
using Carmen.Testing;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Backup;

/// <summary>
/// Backups on a schedule (every second here): the repository keeps the newest N, each verifies, restore drills of the
/// newest pass, the metrics say when the last one succeeded; a destination that cannot be written raises the platform alert "Backups failing".
/// </summary>
public sealed class ScheduledBackupTests : IAsyncLifetime
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "carmen-backup-tests", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task ScheduledBackupsKeepTheNewestAndReportTheirHealth()
    {
        string repository = Path.Combine(_work, "repository");
        Dictionary<string, string> settings = Backups("* * * * * *", repository);
        settings["Carmen:Backup:DrillSchedule"] = "*/2 * * * * *";
        await using var node = new CarmenApiFactory { Settings = settings };
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(node);
        await admin.CreateDeviceAsync(await admin.CreateTenantAsync(), "d1");
        using HttpClient scraper = node.CreateMetricsClient();

        string metrics = await Eventually.ReadAsync(() => scraper.GetStringAsync(new Uri("/metrics", UriKind.Relative)),
            text => Count(text, "carmen_backups_total", "succeeded") >= 3 && Count(text, "carmen_backup_drills_total", "passed") >= 1, TimeSpan.FromSeconds(30));
        string[] kept = [.. Directory.GetDirectories(repository).Where(directory => Path.GetFileName(directory) != "artifacts")];

        kept.Should().HaveCount(2, "the repository keeps the newest two");
        foreach (string backup in kept)
        {
            (await VerifyBackupCommand.RunAsync(["--from", backup], TextWriter.Null)).Should().Be(0);
        }

        metrics.Should().MatchRegex(@"carmen_backup_last_success_seconds\S* [1-9]");
        Count(metrics, "carmen_backup_drills_total", "failed").Should().Be(0, "a drill of a good backup passes");
    }

    [Fact]
    public async Task ABackupThatCannotBeWrittenRaisesThePlatformAlert()
    {
        string blocked = Path.Combine(_work, "not-a-directory");
        await File.WriteAllTextAsync(blocked, "a file where the repository should be");
        await using var node = new CarmenApiFactory { Settings = Backups("* * * * * *", blocked) };
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(node);

        JsonObject alerts = await admin.GetEventuallyAsync("/api/v1/platform/alerts",
            page => page["items"]!.AsArray().Any(alert => alert!["ruleName"]!.GetValue<string>() == "Backups failing"));
        JsonObject alert = await admin.GetAsync($"/api/v1/platform/alerts/{alerts["items"]!.AsArray().First(alert => alert!["ruleName"]!.GetValue<string>() == "Backups failing")!["id"]}");

        alert["details"]!.ToJsonString().Should().Contain("failed");
    }

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_work);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_work, recursive: true);
        return Task.CompletedTask;
    }

    private static Dictionary<string, string> Backups(string schedule, string destination) => new()
    {
        ["Carmen:Backup:Schedule"] = schedule,
        ["Carmen:Backup:Destination"] = destination,
        ["Carmen:Backup:KeepLast"] = "2",
    };

    private static long Count(string metrics, string name, string outcome) =>
        metrics.Split('\n').Where(line => line.StartsWith(name, StringComparison.Ordinal) && line.Contains($"outcome=\"{outcome}\"", StringComparison.Ordinal))
            .Select(line => long.Parse(line.Split(' ')[^1].Split('.')[0], System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
}
