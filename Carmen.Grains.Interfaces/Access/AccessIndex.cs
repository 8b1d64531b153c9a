namespace Carmen.Grains.Interfaces.Access;

/// <summary>
/// A tenant's role assignments, indexed for decisions in memory: a principal's rights on a resource are the union of
/// its assignments on the resource's path (device → cluster → business unit → tenant), an assignment above a node
/// counting only when it propagates. Built once per change of the tenant's roles, assignments or tree and shared by
/// every request; a decision is at most three dictionary lookups and a few ORs.
/// </summary>
public sealed class AccessIndex
{
    private static readonly Dictionary<string, NodeGrants> s_noNodes = [];
    private static readonly List<RoleAssignment> s_noAssignments = [];
    private static readonly PermissionSet s_manageAccess = Permissions.Of([Permissions.AccessManage]);

    private readonly IReadOnlyDictionary<string, string> _businessUnitOfCluster;
    private readonly ILookup<string, string> _clustersOfUnit;
    private readonly Dictionary<string, PrincipalGrants> _principals = new(StringComparer.Ordinal);
    private readonly Dictionary<AccessScope, List<RoleAssignment>> _byScope = [];

    /// <summary>Indexes the assignments; one naming a role the tenant does not have grants nothing.</summary>
    public AccessIndex(IReadOnlyDictionary<string, string> businessUnitOfCluster, IEnumerable<RoleDefinition> roles, IEnumerable<RoleAssignment> assignments)
    {
        _businessUnitOfCluster = businessUnitOfCluster;
        _clustersOfUnit = businessUnitOfCluster.ToLookup(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);
        Dictionary<string, RoleDefinition> byId = roles.ToDictionary(role => role.Id, StringComparer.Ordinal);
        foreach (RoleAssignment assignment in assignments)
        {
            if (!byId.TryGetValue(assignment.RoleId, out RoleDefinition? role))
            {
                continue;
            }

            if (!_principals.TryGetValue(assignment.Principal, out PrincipalGrants? grants))
            {
                _principals[assignment.Principal] = grants = new PrincipalGrants();
            }

            grants.Add(assignment.Scope, role.Permissions, assignment.Propagate);
            if (!_byScope.TryGetValue(assignment.Scope, out List<RoleAssignment>? atScope))
            {
                _byScope[assignment.Scope] = atScope = [];
            }

            atScope.Add(assignment);
        }
    }

    /// <summary>The principal's permissions on the node itself (a tenant-, business-unit- or cluster-level resource).</summary>
    public PermissionSet At(string principal, AccessScope scope)
    {
        if (!_principals.TryGetValue(principal, out PrincipalGrants? grants))
        {
            return PermissionSet.None;
        }

        return scope.Type switch
        {
            ScopeType.Tenant => grants.Tenant.Here,
            ScopeType.BusinessUnit => grants.Tenant.Below.Union(grants.Unit(scope.Id!).Here),
            _ => grants.Tenant.Below.Union(UnitBelow(grants, scope.Id!)).Union(grants.Cluster(scope.Id!).Here),
        };
    }

    /// <summary>The principal's permissions on a device of the cluster: only what propagates down to devices counts.</summary>
    public PermissionSet OnDeviceIn(string principal, string clusterId) =>
        _principals.TryGetValue(principal, out PrincipalGrants? grants)
            ? grants.Tenant.Below.Union(UnitBelow(grants, clusterId)).Union(grants.Cluster(clusterId).Below)
            : PermissionSet.None;

    /// <summary>The clusters whose devices the principal may see holding every permission of <paramref name="needed"/>, for listings.</summary>
    public ClusterSelection Clusters(string principal, PermissionSet needed)
    {
        if (!_principals.TryGetValue(principal, out PrincipalGrants? grants))
        {
            return new ClusterSelection(false, new HashSet<string>());
        }

        if (grants.Tenant.Below.Contains(needed))
        {
            return ClusterSelection.All;
        }

        // Only a cluster under a business unit or cluster grant can hold more than the tenant grant gives.
        var selected = new HashSet<string>(StringComparer.Ordinal);
        foreach (string clusterId in grants.Clusters.Keys.Concat(grants.Units.Keys.SelectMany(unit => _clustersOfUnit[unit])))
        {
            if (OnDeviceIn(principal, clusterId).Contains(needed))
            {
                selected.Add(clusterId);
            }
        }

        return new ClusterSelection(false, selected);
    }

    /// <summary>Whether the principal holds every permission of <paramref name="needed"/> at some node of the tenant.</summary>
    public bool HoldsAnywhere(string principal, PermissionSet needed)
    {
        if (!_principals.TryGetValue(principal, out PrincipalGrants? grants))
        {
            return false;
        }

        return grants.Tenant.Here.Contains(needed)
            || grants.Units.Keys.Any(unit => At(principal, AccessScope.BusinessUnit(unit)).Contains(needed))
            || grants.Clusters.Keys.Any(cluster => At(principal, AccessScope.Cluster(cluster)).Contains(needed))
            || Clusters(principal, needed).ClusterIds.Count > 0;
    }

    /// <summary>
    /// Whether the node exists for the principal: it holds something at it, on its path, or below it (a business unit
    /// shows to whoever works one of its clusters). What does not exist for a principal is answered 404, as another
    /// tenant's resources are.
    /// </summary>
    public bool Sees(string principal, AccessScope scope)
    {
        if (!_principals.TryGetValue(principal, out PrincipalGrants? grants))
        {
            return false;
        }

        return scope.Type switch
        {
            ScopeType.Tenant => true,
            ScopeType.BusinessUnit => !At(principal, scope).IsEmpty || _clustersOfUnit[scope.Id!].Any(cluster => Sees(principal, AccessScope.Cluster(cluster))),
            _ => !At(principal, scope).IsEmpty || !OnDeviceIn(principal, scope.Id!).IsEmpty,
        };
    }

    /// <summary>
    /// Whether the principal holds <paramref name="needed"/> on every device of the clusters (null: the whole tenant),
    /// as acting on a rollout that targets them requires.
    /// </summary>
    public bool Covers(string principal, IReadOnlyCollection<string>? clusterIds, PermissionSet needed)
    {
        ClusterSelection selection = Clusters(principal, needed);
        return selection.AllClusters || (clusterIds is { Count: > 0 } && clusterIds.All(selection.Includes));
    }

    /// <summary>The principal's assignments that give it rights at the scope: at it, and propagated from above.</summary>
    public IEnumerable<RoleAssignment> Granting(string principal, AccessScope scope) =>
        AssignmentsAt(scope).Concat(Above(scope).SelectMany(above => AssignmentsAt(above).Where(assignment => assignment.Propagate)))
            .Where(assignment => assignment.Principal == principal);

    /// <summary>The assignments of one principal, or of everyone, at one scope or all.</summary>
    public IEnumerable<RoleAssignment> Assignments(string? principal = null, AccessScope? scope = null) =>
        (scope is null ? _byScope.Values.SelectMany(atScope => atScope) : AssignmentsAt(scope))
            .Where(assignment => principal is null || assignment.Principal == principal);

    /// <summary>The principals with access to the scope: assignments at it, and propagated ones on its path above.</summary>
    public IReadOnlyList<AccessHolder> Holders(AccessScope scope)
    {
        var holders = new List<AccessHolder>();
        foreach (RoleAssignment assignment in AssignmentsAt(scope))
        {
            holders.Add(new AccessHolder(assignment.Principal, assignment, Inherited: false));
        }

        foreach (AccessScope above in Above(scope))
        {
            foreach (RoleAssignment assignment in AssignmentsAt(above).Where(assignment => assignment.Propagate))
            {
                holders.Add(new AccessHolder(assignment.Principal, assignment, Inherited: true));
            }
        }

        return holders;
    }

    /// <summary>
    /// Whether <paramref name="granter"/> may give <paramref name="permissions"/> at the scope: it manages access there
    /// and holds every permission it gives, so nobody grants more than they have or acts above their own level.
    /// </summary>
    public bool CanGrant(string granter, PermissionSet permissions, AccessScope scope)
    {
        PermissionSet held = At(granter, scope);
        return held.Contains(s_manageAccess) && held.Contains(permissions);
    }

    private PermissionSet UnitBelow(PrincipalGrants grants, string clusterId) =>
        grants.Units.Count > 0 && _businessUnitOfCluster.TryGetValue(clusterId, out string? unit) ? grants.Unit(unit).Below : PermissionSet.None;

    private List<RoleAssignment> AssignmentsAt(AccessScope scope) =>
        _byScope.TryGetValue(scope, out List<RoleAssignment>? found) ? found : s_noAssignments;

    private IEnumerable<AccessScope> Above(AccessScope scope)
    {
        if (scope.Type == ScopeType.Cluster && _businessUnitOfCluster.TryGetValue(scope.Id!, out string? unit))
        {
            yield return AccessScope.BusinessUnit(unit);
        }

        if (scope.Type != ScopeType.Tenant)
        {
            yield return AccessScope.Tenant;
        }
    }

    /// <summary>One principal's grants by node.</summary>
    private sealed class PrincipalGrants
    {
        public NodeGrants Tenant { get; private set; }

        public Dictionary<string, NodeGrants> Units { get; private set; } = s_noNodes;

        public Dictionary<string, NodeGrants> Clusters { get; private set; } = s_noNodes;

        public NodeGrants Unit(string id) => Units.GetValueOrDefault(id);

        public NodeGrants Cluster(string id) => Clusters.GetValueOrDefault(id);

        public void Add(AccessScope scope, PermissionSet permissions, bool propagate)
        {
            switch (scope.Type)
            {
                case ScopeType.Tenant:
                    Tenant = Tenant.With(permissions, propagate);
                    break;
                case ScopeType.BusinessUnit:
                    Units = Units == s_noNodes ? new Dictionary<string, NodeGrants>(StringComparer.Ordinal) : Units;
                    Units[scope.Id!] = Units.GetValueOrDefault(scope.Id!).With(permissions, propagate);
                    break;
                default:
                    Clusters = Clusters == s_noNodes ? new Dictionary<string, NodeGrants>(StringComparer.Ordinal) : Clusters;
                    Clusters[scope.Id!] = Clusters.GetValueOrDefault(scope.Id!).With(permissions, propagate);
                    break;
            }
        }
    }
}
