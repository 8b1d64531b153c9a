using System.Text.Json;
using Carmen.Api.Updates;
using Carmen.Grains.Backups;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Backups;
using Carmen.Silo.Hosting;
using Carmen.Silo.Storage.Postgres;
using Microsoft.Extensions.Options;

namespace Carmen.Silo.Backup;

/// <summary>
/// The node's side of the platform's backups grain: takes backups (the embedded stores, or a pg_dump of the cluster's
/// database) with the artifacts into the repository, reads the repository, verifies and drills, each on the thread pool.
/// Verifications are kept with the backup (verifications.jsonl) as drills are (drills.jsonl).
/// </summary>
internal sealed class NodeBackups(IOptions<BackupOptions> options, IOptions<CarmenOptions> carmen, IOptions<ArtifactOptions> artifacts, IConfiguration configuration) : INodeBackups
{
    public const string VerificationsFileName = "verifications.jsonl";
    private static readonly JsonSerializerOptions s_line = new(JsonSerializerDefaults.Web);

    public BackupSettings Configured => options.Value.ToSettings();

    private NodeDirectories Node => new(carmen.Value.Storage, Path.GetFullPath(carmen.Value.DataDirectory), Path.GetFullPath(artifacts.Value.EffectiveDirectory),
        configuration.GetConnectionString(PostgresOptions.ConnectionStringName), options.Value.PostgresBinDirectory);

    public void ValidatePaths(BackupSettings settings)
    {
        if (settings.Destination.Length > 0 && !Path.IsPathFullyQualified(settings.Destination))
        {
            throw CarmenException.Invalid("destination", "Give the repository as an absolute path on the node, such as /mnt/backups/carmen.");
        }

        if (File.Exists(settings.Destination))
        {
            throw CarmenException.Invalid("destination", $"{settings.Destination} is a file; the destination is a directory.");
        }

        try
        {
            KeyArchive.ReadBackupKey(settings.KeyFile);
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            throw CarmenException.Invalid("keyFile", $"The node cannot read a backup key from {settings.KeyFile}: {unreadable.Message}");
        }
    }

    public Task<BackupSummary> TakeAsync(BackupSettings settings, DateTimeOffset now, CancellationToken cancellationToken) => Task.Run(async () =>
    {
        string repository = Path.GetFullPath(settings.Destination);
        NodeDirectories node = Node;
        (BackupManifest manifest, string directory, _) = node.Storage == StorageKind.Postgres
            ? await PostgresBackup.TakeAsync(node, node.PostgresTools, repository, now, cancellationToken)
            : EmbeddedBackup.Take(node, repository, KeyArchive.ReadBackupKey(settings.KeyFile), now);
        BackupRetention.Apply(repository, settings.Retention, TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone));
        return Summarize(directory, manifest);
    }, cancellationToken);

    /// <summary>The backups whose manifest reads; one that does not is left out here, and named by its verification.</summary>
    public Task<IReadOnlyList<BackupSummary>> ListAsync(string destination, CancellationToken cancellationToken) => Task.Run(() =>
        (IReadOnlyList<BackupSummary>)[.. BackupManifest.InRepository(Path.GetFullPath(destination)).Reverse()
            .Select(backup => TryRead(backup) is BackupManifest manifest ? Summarize(backup, manifest) : null).OfType<BackupSummary>()],
        cancellationToken);

    public Task<BackupDetails?> FindAsync(string destination, string backupId, CancellationToken cancellationToken) => Task.Run(() =>
    {
        string backup = Directory(destination, backupId);
        if (!File.Exists(Path.Combine(backup, BackupManifest.FileName)))
        {
            return null;
        }

        if (TryRead(backup) is not BackupManifest manifest)
        {
            return BackupDetails.WithoutManifest(backupId, BackupRunStatus.Failed, "The manifest cannot be read; verify the backup to see why.",
                Lines<BackupVerification>(backup, VerificationsFileName), []);
        }

        string signature = Path.Combine(backup, BackupManifest.SignatureFileName);
        string? fingerprint = File.Exists(signature) ? JsonSerializer.Deserialize<BackupSignature>(File.ReadAllBytes(signature), BackupManifest.Json)?.Fingerprint : null;
        return new BackupDetails(backupId, BackupRunStatus.Succeeded, null, Summarize(backup, manifest), manifest.State.Counts, manifest.State.TelemetryPointsPerDay,
            manifest.SchemaVersions, fingerprint, Lines<BackupVerification>(backup, VerificationsFileName), Lines<BackupDrill>(backup, RestoreDrill.FileName), []);
    }, cancellationToken);

    public Task<BackupVerification> VerifyAsync(string destination, string backupId, DateTimeOffset now, CancellationToken cancellationToken) => Task.Run(async () =>
    {
        string backup = Directory(destination, backupId);
        (_, _, IReadOnlyList<string> problems) = BackupVerifier.Verify(backup, null);
        var verification = new BackupVerification(now, problems.Count == 0, problems);
        await File.AppendAllTextAsync(Path.Combine(backup, VerificationsFileName), JsonSerializer.Serialize(verification, s_line) + "\n", cancellationToken);
        return verification;
    }, cancellationToken);

    public Task<BackupDrill> DrillAsync(BackupSettings settings, string backupId, DateTimeOffset now, CancellationToken cancellationToken) => Task.Run(() =>
        RestoreDrill.RunAsync(Directory(settings.Destination, backupId), KeyArchive.ReadBackupKey(settings.KeyFile), null, now, cancellationToken,
            Node is { Storage: StorageKind.Postgres } cluster ? cluster : null), cancellationToken);

    private static string Directory(string destination, string backupId) =>
        BackupIds.IsValid(backupId) ? Path.Combine(Path.GetFullPath(destination), backupId) : throw CarmenException.NotFound($"There is no backup '{backupId}'.");

    private static BackupManifest? TryRead(string backup)
    {
        try
        {
            return BackupManifest.Read(backup);
        }
        catch (Exception unreadable) when (unreadable is JsonException or InvalidDataException)
        {
            return null;
        }
    }

    private static BackupSummary Summarize(string backup, BackupManifest manifest) => new(
        manifest.Id, manifest.CreatedAt, manifest.CarmenVersion, manifest.Profile, manifest.Files.Count, manifest.Files.Sum(file => file.Size),
        manifest.Artifacts.Count, manifest.Artifacts.Sum(file => file.Size), manifest.KeysIncluded,
        Lines<BackupVerification>(backup, VerificationsFileName).LastOrDefault(), Lines<BackupDrill>(backup, RestoreDrill.FileName).LastOrDefault());

    /// <summary>The records of a JSON-lines file beside the manifest, oldest first; a line that does not read is skipped.</summary>
    private static List<T> Lines<T>(string backup, string fileName)
    {
        string path = Path.Combine(backup, fileName);
        if (!File.Exists(path))
        {
            return [];
        }

        var records = new List<T>();
        foreach (string line in File.ReadLines(path).Where(line => line.Length > 0))
        {
            try
            {
                if (JsonSerializer.Deserialize<T>(line, s_line) is T record)
                {
                    records.Add(record);
                }
            }
            catch (JsonException)
            {
                // a line cut short by a crash while appending
            }
        }

        return records;
    }
}
