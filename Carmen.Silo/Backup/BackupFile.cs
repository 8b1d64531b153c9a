namespace Carmen.Silo.Backup;

/// <summary>One file of a backup: its path (with '/', relative to the backup, or for an artifact to the repository), size and SHA-256 (lowercase hex).</summary>
public sealed record BackupFile(string Path, long Size, string Sha256);
