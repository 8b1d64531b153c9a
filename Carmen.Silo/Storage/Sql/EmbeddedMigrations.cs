using System.Globalization;
using System.Reflection;

namespace Carmen.Silo.Storage.Sql;

/// <summary>Versioned SQL scripts embedded in this assembly as "{prefix}NNNN_name.sql", in version order.</summary>
internal static class EmbeddedMigrations
{
    public static IReadOnlyList<(int Version, string Name, string Sql)> Load(string prefix)
    {
        Assembly assembly = typeof(EmbeddedMigrations).Assembly;
        var migrations = new List<(int, string, string)>();
        foreach (string resource in assembly.GetManifestResourceNames().Where(name => name.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            string name = resource[prefix.Length..^".sql".Length];
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            migrations.Add((int.Parse(name[..4], CultureInfo.InvariantCulture), name, reader.ReadToEnd()));
        }

        return migrations;
    }
}
