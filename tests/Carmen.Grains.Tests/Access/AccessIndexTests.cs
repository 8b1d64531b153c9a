using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Access;

namespace Carmen.Grains.Tests.Access;

/// <summary>Decisions on a tenant's tree: inheritance down the path, propagate false, unions, listings, who has access, and granting.</summary>
public sealed class AccessIndexTests
{
    private static readonly Dictionary<string, string> s_tree = new() { ["line-1"] = "berlin", ["line-2"] = "berlin", ["dock-1"] = "hamburg" };

    private static readonly PermissionSet s_read = Permissions.Of([Permissions.DevicesRead]);
    private static readonly PermissionSet s_write = Permissions.Of([Permissions.DevicesWrite]);

    [Fact]
    public void ABusinessUnitAssignmentReachesItsClustersAndTheirDevices()
    {
        AccessIndex access = Access(Assign("ana", "operator", AccessScope.BusinessUnit("berlin")));

        access.At("ana", AccessScope.BusinessUnit("berlin")).Contains(s_write).Should().BeTrue();
        access.At("ana", AccessScope.Cluster("line-2")).Contains(s_write).Should().BeTrue();
        access.OnDeviceIn("ana", "line-1").Contains(s_write).Should().BeTrue();
        access.OnDeviceIn("ana", "dock-1").Should().Be(PermissionSet.None, "another business unit's cluster");
        access.At("ana", AccessScope.Tenant).Should().Be(PermissionSet.None, "nothing flows up");
    }

    [Fact]
    public void WithoutPropagationAnAssignmentStaysOnItsNode()
    {
        AccessIndex access = Access(Assign("ben", "viewer", AccessScope.BusinessUnit("berlin"), propagate: false));

        access.At("ben", AccessScope.BusinessUnit("berlin")).Contains(s_read).Should().BeTrue();
        access.At("ben", AccessScope.Cluster("line-1")).Should().Be(PermissionSet.None);
        access.OnDeviceIn("ben", "line-1").Should().Be(PermissionSet.None);
    }

    [Fact]
    public void RightsAreTheUnionOfTheAssignmentsOnThePath()
    {
        AccessIndex access = Access(
            Assign("cem", "viewer", AccessScope.Tenant),
            Assign("cem", "operator", AccessScope.Cluster("dock-1")));

        access.OnDeviceIn("cem", "line-1").Should().Be(BuiltInRoles.Viewer.Permissions);
        access.OnDeviceIn("cem", "dock-1").Should().Be(BuiltInRoles.Viewer.Permissions.Union(BuiltInRoles.Operator.Permissions));
        access.Clusters("cem", s_read).Should().Be(ClusterSelection.All);
        access.Clusters("cem", s_write).ClusterIds.Should().BeEquivalentTo(["dock-1"], "a listing of what one may change shows only that");
    }

    [Fact]
    public void AListingSeesTheClustersItsUnitsAndClustersGive()
    {
        AccessIndex access = Access(
            Assign("dora", "viewer", AccessScope.BusinessUnit("berlin")),
            Assign("dora", "viewer", AccessScope.Cluster("dock-1"), propagate: false));

        ClusterSelection visible = access.Clusters("dora", s_read);

        visible.AllClusters.Should().BeFalse();
        visible.ClusterIds.Should().BeEquivalentTo(["line-1", "line-2"], "dock-1's assignment is for the cluster node, not its devices");
        access.Clusters("nobody", s_read).ClusterIds.Should().BeEmpty();
    }

    [Fact]
    public void WhoHasAccessListsDirectAndInheritedAssignments()
    {
        AccessIndex access = Access(
            Assign("eva", "tenantAdmin", AccessScope.Tenant),
            Assign("fred", "viewer", AccessScope.BusinessUnit("berlin"), propagate: false),
            Assign("gus", "operator", AccessScope.Cluster("line-1")));

        IReadOnlyList<AccessHolder> holders = access.Holders(AccessScope.Cluster("line-1"));

        holders.Select(holder => (holder.Principal, holder.Inherited)).Should().BeEquivalentTo([("gus", false), ("eva", true)]);
    }

    [Fact]
    public void NobodyGrantsMoreThanTheyHoldOrAboveTheirLevel()
    {
        AccessIndex access = Access(
            Assign("hal", "businessUnitManager", AccessScope.BusinessUnit("berlin")),
            Assign("ida", "operator", AccessScope.Tenant));

        access.CanGrant("hal", BuiltInRoles.Operator.Permissions, AccessScope.Cluster("line-1")).Should().BeTrue();
        access.CanGrant("hal", BuiltInRoles.Operator.Permissions, AccessScope.Tenant).Should().BeFalse("above the manager's business unit");
        access.CanGrant("hal", BuiltInRoles.Operator.Permissions, AccessScope.Cluster("dock-1")).Should().BeFalse("another business unit");
        access.CanGrant("hal", BuiltInRoles.TenantAdmin.Permissions, AccessScope.Cluster("line-1")).Should().BeFalse("more than a manager holds");
        access.CanGrant("ida", BuiltInRoles.Viewer.Permissions, AccessScope.Cluster("line-1")).Should().BeFalse("an operator does not manage access");
    }

    [Fact]
    public void ACustomRoleIsItsPermissionsAndAnUnknownOneGrantsNothing()
    {
        var readers = new RoleDefinition("fleet-reader", "Fleet reader", Permissions.Of([Permissions.DevicesRead, Permissions.AlertsRead]), BuiltIn: false);
        var access = new AccessIndex(s_tree, [.. BuiltInRoles.All, readers],
            [Assign("jo", "fleet-reader", AccessScope.Tenant), Assign("kim", "no-such-role", AccessScope.Tenant)]);

        access.OnDeviceIn("jo", "line-1").Names().Should().Equal(Permissions.DevicesRead, Permissions.AlertsRead);
        access.OnDeviceIn("kim", "line-1").Should().Be(PermissionSet.None);
    }

    [Fact]
    public void AnUnknownPermissionIsRefusedNamingTheField()
    {
        Action parse = () => Permissions.Of(["devices.read", "devices.fly"], "permissions");

        parse.Should().Throw<CarmenException>().Which.Field.Should().Be("permissions");
    }

    private static AccessIndex Access(params RoleAssignment[] assignments) => new(s_tree, BuiltInRoles.All, assignments);

    private static RoleAssignment Assign(string principal, string role, AccessScope scope, bool propagate = true) =>
        new(0, principal, role, scope, propagate, DateTimeOffset.UnixEpoch, "test");
}
