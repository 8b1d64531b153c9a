using System.Text.Json;
using Carmen.Grains.Interfaces.Backups;
using Carmen.Silo.Backup;

namespace Carmen.Silo.Tests;

/// <summary>Retention by generations: the newest N, and the newest of each of the last days, ISO weeks and months; artifacts go with the last backup that held them.</summary>
public sealed class BackupRetentionTests : IDisposable
{
    private readonly TempDirectory _repository = new();

    [Fact]
    public void KeepsTheNewestAndTheNewestOfEachDayWeekAndMonthAndTheArtifactsTheyHold()
    {
        var first = new DateTimeOffset(2026, 9, 28, 3, 0, 0, TimeSpan.Zero);
        foreach (DateTimeOffset at in Enumerable.Range(0, 70).Select(day => first.AddDays(day)).Append(new DateTimeOffset(2026, 12, 6, 15, 0, 0, TimeSpan.Zero)))
        {
            Write(at, at < first.AddDays(10) ? "artifacts/aa/old" : "artifacts/bb/kept");
        }

        Directory.CreateDirectory(Path.Combine(_repository.Path, "artifacts", "aa"));
        Directory.CreateDirectory(Path.Combine(_repository.Path, "artifacts", "bb"));
        File.WriteAllText(Path.Combine(_repository.Path, "artifacts", "aa", "old"), "only the oldest backups list it");
        File.WriteAllText(Path.Combine(_repository.Path, "artifacts", "bb", "kept"), "kept backups list it");

        IReadOnlyList<string> removed = BackupRetention.Apply(_repository.Path, new BackupRetentionPolicy(KeepLast: 2, Daily: 3, Weekly: 2, Monthly: 2), TimeZoneInfo.Utc);

        BackupManifest.InRepository(_repository.Path).Select(Path.GetFileName).Should().Equal(
            "20261129T030000Z", // week 48's newest (Sunday)
            "20261130T030000Z", // November's newest
            "20261204T030000Z", "20261205T030000Z", // the last three days (with December 6)
            "20261206T030000Z", "20261206T150000Z"); // the newest two; also week 49's, December's and December 6's newest
        removed.Should().HaveCount(71 - 6);
        File.Exists(Path.Combine(_repository.Path, "artifacts", "aa", "old")).Should().BeFalse();
        File.Exists(Path.Combine(_repository.Path, "artifacts", "bb", "kept")).Should().BeTrue();
    }

    public void Dispose() => _repository.Dispose();

    private void Write(DateTimeOffset at, string artifact)
    {
        string id = Carmen.Grains.Backups.BackupIds.For(at);
        string directory = Directory.CreateDirectory(Path.Combine(_repository.Path, id)).FullName;
        var manifest = new BackupManifest(BackupManifest.CurrentFormat, id, at, "test", "embedded", [], [new BackupFile(artifact, 1, artifact[^4..])],
            new Dictionary<string, long>(), new BackupState(new Dictionary<string, long>(), new Dictionary<string, string>(), new Dictionary<string, long>()), false);
        File.WriteAllBytes(Path.Combine(directory, BackupManifest.FileName), JsonSerializer.SerializeToUtf8Bytes(manifest, BackupManifest.Json));
    }
}
