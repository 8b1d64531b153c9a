namespace Carmen.Silo.Hosting;

/// <summary>Cluster-wide chores done by one silo: the active silo with the lowest address, which every silo agrees on from its membership view.</summary>
internal static class SiloRoles
{
    public static bool IsLowestActive(ClusterMembershipSnapshot snapshot, SiloAddress self)
    {
        SiloAddress? lowest = snapshot.Members.Values.Where(member => member.Status == SiloStatus.Active).Select(member => member.SiloAddress).Min();
        return lowest is not null && lowest.Equals(self);
    }
}
