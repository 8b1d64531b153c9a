using System.Runtime.Versioning;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Telemetry;
using Carmen.Silo.Storage.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Carmen.Silo.Tests;

/// <summary>The embedded store is its owner's alone: the data directory 0700, the databases and their WAL files 0600.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class DataDirectoryPermissionTests : IDisposable
{
    private const UnixFileMode OwnerOnlyDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task TheDatabasesAndTheirWriteAheadLogsAreReadableByTheOwnerOnly()
    {
        await using var database = new SqliteDatabase(
            _directory.Path, SqliteTelemetryHistory.FileName, SqliteSchema.TelemetryMigrations, Options.Create(new SqliteOptions()), NullLogger<SqliteDatabase>.Instance);
        await new SqliteTelemetryHistory(database).AppendAsync([new DeviceTelemetry(new DeviceKey("t1", "d1"), "c1", [new TelemetryPoint(1000, "temp", TelemetryValue.FromNumber(1))])], default);

        File.GetUnixFileMode(_directory.Path).Should().Be(OwnerOnlyDirectory);
        foreach (string file in Directory.GetFiles(_directory.Path))
        {
            File.GetUnixFileMode(file).Should().Be(OwnerOnlyFile, Path.GetFileName(file));
        }

        Directory.GetFiles(_directory.Path).Should().Contain(file => file.EndsWith("-wal", StringComparison.Ordinal), "the WAL file was checked too");
    }

    [Fact]
    public async Task AStoreMadeBeforeIsNarrowedWhenItOpens()
    {
        Directory.CreateDirectory(_directory.Path);
        File.SetUnixFileMode(_directory.Path, OwnerOnlyDirectory | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        string path = Path.Combine(_directory.Path, SqliteTelemetryHistory.FileName);
        await File.WriteAllBytesAsync(path, []);
        File.SetUnixFileMode(path, OwnerOnlyFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await using var database = new SqliteDatabase(
            _directory.Path, SqliteTelemetryHistory.FileName, SqliteSchema.TelemetryMigrations, Options.Create(new SqliteOptions()), NullLogger<SqliteDatabase>.Instance);

        File.GetUnixFileMode(_directory.Path).Should().Be(OwnerOnlyDirectory);
        File.GetUnixFileMode(path).Should().Be(OwnerOnlyFile);
    }
}
