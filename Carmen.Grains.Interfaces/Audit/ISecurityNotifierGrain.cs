namespace Carmen.Grains.Interfaces.Audit;

/// <summary>Posts a chain's committed security events to the webhooks that asked for them (<c>securityEvents</c>).</summary>
[Alias("Carmen.ISecurityNotifierGrain")]
public interface ISecurityNotifierGrain : IGrainWithStringKey
{
    /// <summary>Posts one <c>security.events</c> event holding <paramref name="records"/>.</summary>
    [Alias("Notify")]
    Task NotifyAsync(IReadOnlyList<StoredAuditRecord> records);
}
