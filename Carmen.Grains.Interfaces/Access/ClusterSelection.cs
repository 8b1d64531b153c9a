namespace Carmen.Grains.Interfaces.Access;

/// <summary>The clusters whose devices a principal may see with a permission: all of the tenant's, or these.</summary>
public sealed record ClusterSelection(bool AllClusters, IReadOnlySet<string> ClusterIds)
{
    /// <summary>Every cluster.</summary>
    public static ClusterSelection All { get; } = new(true, new HashSet<string>());

    /// <summary>Whether a device in <paramref name="clusterId"/> is selected.</summary>
    public bool Includes(string clusterId) => AllClusters || ClusterIds.Contains(clusterId);
}
