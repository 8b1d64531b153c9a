using Carmen.Grains.Interfaces.Updates;
using Carmen.Grains.Updates;

namespace Carmen.Silo.Integrity;

/// <summary>
/// Every artifact a tenant's software catalog lists against the artifact store ({ab}/{sha256}): a missing or altered
/// file cannot be rebuilt (restore it from a backup, or upload it again), so it is reported with the modules that
/// need it. Files no module lists are counted, not deleted.
/// </summary>
public static class ArtifactReferenceCheck
{
    private const string CatalogStateName = "catalog";

    public static IEnumerable<IntegrityFinding> Run(StoredGrainStates states, string artifactDirectory)
    {
        var referenced = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach ((string tenant, SoftwareCatalogState catalog) in states.Read<SoftwareCatalogState>(CatalogStateName))
        {
            foreach (SoftwareModuleInfo module in catalog.Modules.Values)
            {
                foreach (ArtifactInfo artifact in module.Artifacts)
                {
                    (referenced.TryGetValue(artifact.Sha256, out List<string>? users) ? users : referenced[artifact.Sha256] = [])
                        .Add($"{tenant}/{module.Name}:{module.Version}/{artifact.FileName}");
                }
            }
        }

        var findings = new List<IntegrityFinding>();
        foreach ((string sha256, List<string> users) in referenced.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var file = new FileInfo(Path.Combine(artifactDirectory, sha256[..2], sha256));
            if (!file.Exists)
            {
                findings.Add(new IntegrityFinding("artifacts", $"{sha256}: missing; needed by {string.Join(", ", users)}", Problem: true));
            }
        }

        int stored = Directory.Exists(artifactDirectory)
            ? Directory.EnumerateFiles(artifactDirectory, "*", SearchOption.AllDirectories).Count(file => !Path.GetRelativePath(artifactDirectory, file).StartsWith('.'))
            : 0;
        int unreferenced = stored - (referenced.Count - findings.Count);
        findings.Add(new IntegrityFinding("artifacts", $"{referenced.Count} referenced, {findings.Count} missing; {stored} files stored, {unreferenced} not referenced by any module"));
        return findings;
    }
}
