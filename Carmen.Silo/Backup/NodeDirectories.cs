using Carmen.Api.Updates;
using Carmen.Silo.Hosting;

namespace Carmen.Silo.Backup;

/// <summary>
/// Where a node keeps its data and its artifacts, read the way the node reads its configuration (appsettings,
/// environment, and <c>--Carmen:...</c> arguments), for the commands that work on a node's files; with the PostgreSQL
/// profile, also the database's connection string.
/// </summary>
public sealed record NodeDirectories(StorageKind Storage, string Data, string Artifacts, string? ConnectionString = null, string PostgresBinDirectory = "")
{
    /// <summary>PostgreSQL's client tools, from the configured directory or the PATH.</summary>
    public PostgresTools PostgresTools => new(PostgresBinDirectory);

    /// <summary>Whether the data directory holds any of the node's stores.</summary>
    public bool HoldsStore => StateSummary.StoreFiles.Any(store => File.Exists(Path.Combine(Data, store)));

    public static NodeDirectories From(string[] args)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder([.. args.Where(arg => arg.StartsWith("--Carmen", StringComparison.Ordinal) || arg.StartsWith("--ConnectionStrings", StringComparison.Ordinal))]);
        CarmenOptions carmen = builder.Configuration.GetSection(CarmenOptions.SectionName).Get<CarmenOptions>() ?? new();
        string artifacts = builder.Configuration.GetSection(ArtifactOptions.SectionName).Get<ArtifactOptions>()?.Directory is { Length: > 0 } configured
            ? configured
            : Path.Combine(carmen.DataDirectory, "artifacts");
        return new NodeDirectories(carmen.Storage, Path.GetFullPath(carmen.DataDirectory), Path.GetFullPath(artifacts), builder.Configuration.GetConnectionString(Carmen.Silo.Storage.Postgres.PostgresOptions.ConnectionStringName),
            builder.Configuration[$"{BackupOptions.SectionName}:{nameof(BackupOptions.PostgresBinDirectory)}"] ?? "");
    }
}
