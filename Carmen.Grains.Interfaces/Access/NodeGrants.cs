namespace Carmen.Grains.Interfaces.Access;

/// <summary>What one principal's assignments at one node give: at the node itself, and below it (the propagated ones).</summary>
internal readonly record struct NodeGrants(PermissionSet Here, PermissionSet Below)
{
    public NodeGrants With(PermissionSet permissions, bool propagate) =>
        new(Here.Union(permissions), propagate ? Below.Union(permissions) : Below);
}
