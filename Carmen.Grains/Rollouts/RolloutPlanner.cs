using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Rollouts;

namespace Carmen.Grains.Rollouts;

/// <summary>
/// Forms a rollout's groups. Targets (devices or tenants) are shuffled by a hash of the rollout's seed and the target
/// id, so the order is random across the fleet (a canary is not "the first 5% by name") yet the same every time it is
/// computed. Each group then takes, in that order, from the targets no earlier group took: its count, or its percentage of the targets
/// passing its filter (rounded up).
/// </summary>
public static class RolloutPlanner
{
    /// <summary>Device ids per group, in notification order, and how many targets no group took.</summary>
    public static (IReadOnlyList<IReadOnlyList<string>> Groups, int Unassigned) Plan(
        string seed, IReadOnlyList<DeviceSummary> targets, IReadOnlyList<RolloutGroupSpec> groups) =>
        Plan(seed, targets, device => device.Id, (filter, device) => filter.Matches(device), groups);

    /// <summary>Tenant ids per group (an application rollout), in notification order, and how many no group took.</summary>
    public static (IReadOnlyList<IReadOnlyList<string>> Groups, int Unassigned) Plan(
        string seed, IReadOnlyList<string> tenantIds, IReadOnlyList<RolloutGroupSpec> groups) =>
        Plan(seed, tenantIds, id => id, (filter, id) => filter.Matches(id), groups);

    private static (IReadOnlyList<IReadOnlyList<string>> Groups, int Unassigned) Plan<T>(
        string seed, IReadOnlyList<T> targets, Func<T, string> idOf, Func<TargetFilter, T, bool> matches, IReadOnlyList<RolloutGroupSpec> groups)
    {
        List<T> ordered = [.. targets.OrderBy(target => Rank(seed, idOf(target))).ThenBy(idOf, StringComparer.Ordinal)];
        bool[] taken = new bool[ordered.Count];
        var result = new List<IReadOnlyList<string>>(groups.Count);
        int assigned = 0;
        foreach (RolloutGroupSpec group in groups)
        {
            bool Passes(T target) => group.Filter is null || matches(group.Filter, target);
            int eligible = ordered.Count(Passes);
            int wanted = group.Count ?? (int)Math.Ceiling(eligible * (group.Percentage ?? 100) / 100.0);
            var members = new List<string>(Math.Min(wanted, ordered.Count - assigned));
            for (int i = 0; i < ordered.Count && members.Count < wanted; i++)
            {
                if (!taken[i] && Passes(ordered[i]))
                {
                    taken[i] = true;
                    members.Add(idOf(ordered[i]));
                }
            }

            assigned += members.Count;
            result.Add(members);
        }

        return (result, ordered.Count - assigned);
    }

    private static ulong Rank(string seed, string targetId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(seed, "\n", targetId)), hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }
}
