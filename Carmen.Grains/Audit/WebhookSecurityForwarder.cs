using Carmen.Grains.Interfaces.Audit;

namespace Carmen.Grains.Audit;

/// <summary>Hands a chain's committed security events to its notifier grain, which posts them to the chain's webhooks.</summary>
public sealed class WebhookSecurityForwarder(IGrainFactory grains) : ISecurityEventForwarder
{
    public void Forward(string chain, IReadOnlyList<AuditStoreRow> committed)
    {
        StoredAuditRecord[] relevant = [.. committed
            .Where(row => SecurityEventTypes.IsSecurityRelevant(row.Source, row.Action, row.TargetType))
            .Select(row => new StoredAuditRecord(row.Id, row.Body, row.Hash))];
        if (relevant.Length > 0)
        {
            // One-way: the records are committed; a webhook that cannot be reached must not hold the trail up.
            grains.GetGrain<ISecurityNotifierGrain>(chain).NotifyAsync(relevant).Ignore();
        }
    }
}
