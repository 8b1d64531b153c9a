using System.Text.Json;

namespace Carmen.Silo.Backup;

/// <summary>
/// What a backup holds, as its manifest.json says: every file with its size and SHA-256 (the store files beside the
/// manifest; the artifacts in the repository's shared, content-addressed artifacts directory), Carmen's version, the
/// stores' schema versions and a summary of the state (counts and checksums) to compare a restore against. The
/// manifest's exact bytes are signed with Ed25519; the signature is in manifest.sig.
/// </summary>
public sealed record BackupManifest(
    string Format,
    string Id,
    DateTimeOffset CreatedAt,
    string CarmenVersion,
    string Profile,
    IReadOnlyList<BackupFile> Files,
    IReadOnlyList<BackupFile> Artifacts,
    IReadOnlyDictionary<string, long> SchemaVersions,
    BackupState State,
    bool KeysIncluded)
{
    public const string CurrentFormat = "carmen-backup/1";
    public const string FileName = "manifest.json";
    public const string SignatureFileName = "manifest.sig";

    /// <summary>The repository directory the artifacts of all its backups share.</summary>
    public const string ArtifactsDirectory = "artifacts";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>The manifest of the backup in <paramref name="backup"/>; throws when it cannot be read.</summary>
    public static BackupManifest Read(string backup) =>
        JsonSerializer.Deserialize<BackupManifest>(File.ReadAllBytes(Path.Combine(backup, FileName)), Json)
            ?? throw new InvalidDataException($"{Path.Combine(backup, FileName)} holds no manifest.");

    /// <summary>The backups of a repository, oldest first (they are named by their time): the directories with a manifest.</summary>
    public static IReadOnlyList<string> InRepository(string repository) =>
        Directory.Exists(repository)
            ? [.. Directory.GetDirectories(repository).Where(directory => File.Exists(Path.Combine(directory, FileName))).Order(StringComparer.Ordinal)]
            : [];
}
