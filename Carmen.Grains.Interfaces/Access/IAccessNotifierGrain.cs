using Orleans.Concurrency;

namespace Carmen.Grains.Interfaces.Access;

/// <summary>
/// Tells people when their access changes: a mail to each user whose access was granted, changed or removed (who did
/// it, what, where, when), through the tenant's or platform's mail server. Keyed by tenant id; called one-way, so a slow
/// mail server never holds up the change.
/// </summary>
[Alias("Carmen.IAccessNotifierGrain")]
public interface IAccessNotifierGrain : IGrainWithStringKey
{
    /// <summary>Mails the users the changes are about; users without an email address are skipped.</summary>
    [OneWay]
    [Alias("Notify")]
    Task NotifyAsync(IReadOnlyList<AccessChange> changes);
}
