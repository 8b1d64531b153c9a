using System.Collections.Concurrent;

namespace Carmen.Api.Audit;

/// <summary>
/// The chains this node last failed to write, so fail-closed refuses changes before they run rather than after; a
/// chain marked failing is asked to probe its store before the next change is let through.
/// </summary>
public sealed class AuditHealth
{
    private readonly ConcurrentDictionary<string, bool> _failing = new(StringComparer.Ordinal);

    public bool IsFailing(string chain) => _failing.ContainsKey(chain);

    public void Failed(string chain) => _failing[chain] = true;

    public void Recovered(string chain) => _failing.TryRemove(chain, out _);
}
