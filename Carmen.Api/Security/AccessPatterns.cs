using Carmen.Api.Contracts;
using Carmen.Grains.Interfaces.Audit;

namespace Carmen.Api.Security;

/// <summary>Counts a period's security events into the access patterns of <see cref="AccessPatternsResponse"/>.</summary>
public sealed class AccessPatterns
{
    private const int TopFailing = 10;

    private readonly Dictionary<string, (int Succeeded, int Failed)> _byUser = [];
    private readonly Dictionary<string, (int Succeeded, int Failed)> _byAddress = [];
    private readonly Dictionary<string, (int Succeeded, int Failed)> _byHour = [];
    private readonly Dictionary<string, int> _changesByActor = [];

    public void Add(AuditRecord record)
    {
        AuditEntry entry = record.Entry;
        if (entry.Source == AuditSources.Api)
        {
            _changesByActor[entry.Actor.Name] = _changesByActor.GetValueOrDefault(entry.Actor.Name) + 1;
            return;
        }

        bool? succeeded = entry.Action switch
        {
            SecurityEventTypes.SignInSucceeded => true,
            SecurityEventTypes.SignInFailed or SecurityEventTypes.SignInLockedOut or SecurityEventTypes.SignInThrottled => false,
            _ => null,
        };
        if (succeeded is bool success)
        {
            Count(_byUser, entry.Actor.Name, success);
            Count(_byAddress, entry.Address ?? "unknown", success);
            Count(_byHour, record.At.UtcDateTime.Hour.ToString("D2", System.Globalization.CultureInfo.InvariantCulture), success);
        }
    }

    public AccessPatternsResponse ToResponse(DateTimeOffset from, DateTimeOffset to, bool truncated) => new(
        from,
        to,
        Listed(_byUser).OrderByDescending(count => count.Succeeded + count.Failed).ToList(),
        Listed(_byAddress).OrderByDescending(count => count.Succeeded + count.Failed).ToList(),
        Listed(_byHour).OrderBy(count => count.Key, StringComparer.Ordinal).ToList(),
        Listed(_byAddress).Where(count => count.Failed > 0).OrderByDescending(count => count.Failed).Take(TopFailing).ToList(),
        _changesByActor,
        truncated);

    private static void Count(Dictionary<string, (int Succeeded, int Failed)> counts, string key, bool succeeded)
    {
        (int ok, int failed) = counts.GetValueOrDefault(key);
        counts[key] = succeeded ? (ok + 1, failed) : (ok, failed + 1);
    }

    private static IEnumerable<SignInCountResponse> Listed(Dictionary<string, (int Succeeded, int Failed)> counts) =>
        counts.Select(count => new SignInCountResponse(count.Key, count.Value.Succeeded, count.Value.Failed));
}
