using System.Text.Json;

namespace Carmen.Silo.Backup;

/// <summary>
/// Re-reads a backup without starting anything: the manifest's signature (against a pinned fingerprint when given),
/// then every file's size and SHA-256, artifacts included. Each problem names the file at fault.
/// </summary>
public static class BackupVerifier
{
    public static (BackupManifest? Manifest, string? Fingerprint, IReadOnlyList<string> Problems) Verify(string directory, string? pinnedFingerprint)
    {
        var problems = new List<string>();
        string manifestPath = Path.Combine(directory, BackupManifest.FileName);
        string signaturePath = Path.Combine(directory, BackupManifest.SignatureFileName);
        if (!File.Exists(manifestPath))
        {
            return (null, null, [$"{BackupManifest.FileName}: missing"]);
        }

        byte[] json = File.ReadAllBytes(manifestPath);
        BackupSignature? signature = File.Exists(signaturePath) ? Read<BackupSignature>(signaturePath) : null;
        if (signature is null || !signature.Verifies(json))
        {
            problems.Add($"{BackupManifest.SignatureFileName}: {(signature is null ? "missing or unreadable" : "the signature does not match manifest.json")}");
        }
        else if (pinnedFingerprint is not null && !string.Equals(signature.Fingerprint, pinnedFingerprint, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"{BackupManifest.SignatureFileName}: signed by key {signature.Fingerprint}, not by the pinned {pinnedFingerprint}");
        }

        BackupManifest? manifest = Read<BackupManifest>(manifestPath);
        if (manifest is null || manifest.Format != BackupManifest.CurrentFormat)
        {
            problems.Add($"{BackupManifest.FileName}: not a {BackupManifest.CurrentFormat} manifest");
            return (null, signature?.Fingerprint, problems);
        }

        string repository = Path.GetDirectoryName(Path.GetFullPath(directory))!;
        foreach ((BackupFile file, string root) in manifest.Files.Select(file => (file, directory)).Concat(manifest.Artifacts.Select(file => (file, repository))))
        {
            string path = Path.Combine(root, file.Path);
            if (!File.Exists(path))
            {
                problems.Add($"{file.Path}: missing");
                continue;
            }

            BackupFile actual = FileHashes.Of(path, file.Path);
            if (actual.Size != file.Size || actual.Sha256 != file.Sha256)
            {
                problems.Add($"{file.Path}: {actual.Size} bytes with SHA-256 {actual.Sha256}; the manifest says {file.Size} bytes with {file.Sha256}");
            }
        }

        return (manifest, signature?.Fingerprint, problems);
    }

    private static T? Read<T>(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllBytes(path), BackupManifest.Json);
        }
        catch (JsonException)
        {
            return default;
        }
    }
}
