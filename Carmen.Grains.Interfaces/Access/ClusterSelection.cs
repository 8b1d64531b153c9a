namespace Carmen.Grains.Interfaces.Access;

/// <summary>The clusters whose devices a principal may see with a permission: all of the tenant's, or these.</summary>
public sealed record ClusterSelection(bool AllClusters, IReadOnlySet<string> ClusterIds)
{
    /// <summary>Every cluster.</summary>
    public static ClusterSelection All { get; } = new(true, new HashSet<string>());

    /// <summary>Whether a device in <paramref name="clusterId"/> is selected.</summary>
    public bool Includes(string clusterId) => AllClusters || ClusterIds.Contains(clusterId);

    /// <summary>
    /// A listing's cluster filter narrowed to the selection: <paramref name="requested"/> (null: every cluster) less
    /// what is not selected. Empty means nothing to list.
    /// </summary>
    public IReadOnlyList<string>? Narrow(IReadOnlyList<string>? requested) =>
        AllClusters ? requested
        : requested is null ? [.. ClusterIds.Order(StringComparer.Ordinal)]
        : [.. requested.Where(ClusterIds.Contains)];
}
