namespace Carmen.Grains.Interfaces.Access;

/// <summary>
/// Everything a node needs to decide a tenant's access in memory: its tree, its roles (built-in and custom), and every
/// assignment, those of users' tenant-wide roles included. <see cref="Version"/> changes with any of them.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.AccessSnapshot")]
public sealed record AccessSnapshot(
    [property: Id(0)] string Version,
    [property: Id(1)] IReadOnlyDictionary<string, string> BusinessUnitOfCluster,
    [property: Id(2)] IReadOnlyList<RoleDefinition> Roles,
    [property: Id(3)] IReadOnlyList<RoleAssignment> Assignments)
{
    /// <summary>The snapshot indexed for decisions.</summary>
    public AccessIndex ToIndex() => new(BusinessUnitOfCluster, Roles, Assignments);
}
