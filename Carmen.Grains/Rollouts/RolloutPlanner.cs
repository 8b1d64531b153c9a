using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Rollouts;

namespace Carmen.Grains.Rollouts;

/// <summary>
/// Forms a rollout's groups. Targets are shuffled by a hash of the rollout's seed and the device id, so the order is
/// random across the fleet (a canary is not "the first 5% by name") yet the same every time it is computed. Each group
/// then takes, in that order, from the devices no earlier group took: its count, or its percentage of the targets
/// passing its filter (rounded up).
/// </summary>
public static class RolloutPlanner
{
    /// <summary>Device ids per group, in notification order, and how many targets no group took.</summary>
    public static (IReadOnlyList<IReadOnlyList<string>> Groups, int Unassigned) Plan(
        string seed, IReadOnlyList<DeviceSummary> targets, IReadOnlyList<RolloutGroupSpec> groups)
    {
        List<DeviceSummary> ordered = [.. targets.OrderBy(device => Rank(seed, device.Id)).ThenBy(device => device.Id, StringComparer.Ordinal)];
        bool[] taken = new bool[ordered.Count];
        var result = new List<IReadOnlyList<string>>(groups.Count);
        int assigned = 0;
        foreach (RolloutGroupSpec group in groups)
        {
            int eligible = group.Filter is null ? ordered.Count : ordered.Count(group.Filter.Matches);
            int wanted = group.Count ?? (int)Math.Ceiling(eligible * (group.Percentage ?? 100) / 100.0);
            var members = new List<string>(Math.Min(wanted, ordered.Count - assigned));
            for (int i = 0; i < ordered.Count && members.Count < wanted; i++)
            {
                if (!taken[i] && (group.Filter is null || group.Filter.Matches(ordered[i])))
                {
                    taken[i] = true;
                    members.Add(ordered[i].Id);
                }
            }

            assigned += members.Count;
            result.Add(members);
        }

        return (result, ordered.Count - assigned);
    }

    private static ulong Rank(string seed, string deviceId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(string.Concat(seed, "\n", deviceId)), hash);
        return BinaryPrimitives.ReadUInt64BigEndian(hash);
    }
}
