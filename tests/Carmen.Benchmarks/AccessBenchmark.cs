using System.Diagnostics;
using Carmen.Grains.Interfaces.Access;

namespace Carmen.Benchmarks;

/// <summary>
/// The cost of an authorization decision in memory: a tenant of 10,000 users, 1,000 clusters in 50 business units
/// and 50,000 role assignments (tenant, business-unit and cluster ones, some not propagated); then decisions on
/// random users and resources, and the cluster selection a listing filters by. Reports the time to index the tenant
/// and the nanoseconds per decision.
/// </summary>
internal static class AccessBenchmark
{
    private const int Users = 10_000;
    private const int Clusters = 1_000;
    private const int BusinessUnits = 50;
    private const int Assignments = 50_000;
    private const int Decisions = 2_000_000;

    public static Task<int> RunAsync(BenchmarkOptions options)
    {
        var random = new Random(22);
        Dictionary<string, string> unitOfCluster = Enumerable.Range(0, Clusters).ToDictionary(i => $"c{i}", i => $"bu{i % BusinessUnits}");
        var assignments = new List<RoleAssignment>(Assignments);
        for (int i = 0; i < Assignments; i++)
        {
            int level = random.Next(100);
            AccessScope scope = level < 2 ? AccessScope.Tenant
                : level < 20 ? AccessScope.BusinessUnit($"bu{random.Next(BusinessUnits)}")
                : AccessScope.Cluster($"c{random.Next(Clusters)}");
            RoleDefinition role = BuiltInRoles.All[random.Next(1, BuiltInRoles.All.Count)];
            assignments.Add(new RoleAssignment(i, $"u{random.Next(Users)}", role.Id, scope, Propagate: random.Next(10) > 0, DateTimeOffset.UnixEpoch, "bench"));
        }

        var clock = Stopwatch.StartNew();
        var access = new AccessIndex(unitOfCluster, BuiltInRoles.All, assignments);
        TimeSpan indexing = clock.Elapsed;

        PermissionSet write = Permissions.Of([Permissions.DevicesWrite]);
        string[] users = [.. Enumerable.Range(0, 4096).Select(_ => $"u{random.Next(Users)}")];
        string[] clusters = [.. Enumerable.Range(0, 4096).Select(_ => $"c{random.Next(Clusters)}")];
        int allowed = 0;
        clock.Restart();
        for (int i = 0; i < Decisions; i++)
        {
            allowed += access.OnDeviceIn(users[i & 4095], clusters[(i * 7) & 4095]).Contains(write) ? 1 : 0;
        }

        double decisionNs = clock.Elapsed.TotalNanoseconds / Decisions;
        PermissionSet read = Permissions.Of([Permissions.DevicesRead]);
        int selections = 20_000;
        long selected = 0;
        clock.Restart();
        for (int i = 0; i < selections; i++)
        {
            ClusterSelection selection = access.Clusters(users[i & 4095], read);
            selected += selection.AllClusters ? Clusters : selection.ClusterIds.Count;
        }

        double selectionUs = clock.Elapsed.TotalMicroseconds / selections;
        Console.WriteLine($"{Users:N0} users, {Clusters:N0} clusters in {BusinessUnits} business units, {Assignments:N0} assignments");
        Console.WriteLine($"index the tenant          {indexing.TotalMilliseconds,10:N1} ms");
        Console.WriteLine($"device decision           {decisionNs,10:N1} ns   ({allowed * 100.0 / Decisions:N1} % allowed)");
        Console.WriteLine($"listing's cluster filter  {selectionUs,10:N2} µs   ({selected / (double)selections:N1} clusters on average)");
        return Task.FromResult(0);
    }
}
