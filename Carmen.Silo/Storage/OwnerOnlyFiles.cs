namespace Carmen.Silo.Storage;

/// <summary>
/// The data directory and the databases in it are readable by Carmen's user only (0700 and 0600): they hold hashed
/// credentials, device state and, in keys/, the keys that sign tokens. SQLite gives a database's -wal and -shm files
/// the database file's own mode, so creating the file first with 0600 covers them. Nothing to do on Windows.
/// </summary>
internal static class OwnerOnlyFiles
{
    private const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode DatabaseMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates <paramref name="directory"/> (or narrows an existing one) to its owner.</summary>
    public static void SecureDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }

        Directory.CreateDirectory(directory, DirectoryMode);
        File.SetUnixFileMode(directory, DirectoryMode);
    }

    /// <summary>Creates the empty file <paramref name="path"/> for its owner alone, or narrows an existing one.</summary>
    public static void SecureFile(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (!File.Exists(path))
        {
            using var created = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = DatabaseMode });
        }

        File.SetUnixFileMode(path, DatabaseMode);
    }
}
