using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Grains.Interfaces.Alerts;

/// <summary>
/// One alert (keyed by <see cref="AlertKey"/>): raised by a device's rule evaluation, then acknowledged, assigned,
/// commented on and cleared by operators or by the rule. Every change is also written to the alert query index.
/// </summary>
[Alias("Carmen.IAlertGrain")]
public interface IAlertGrain : IGrainWithStringKey
{
    /// <summary>Creates the alert; raising it again answers the alert as it is.</summary>
    [Alias("Raise")]
    Task<AlertInfo> RaiseAsync(AlertRaised raised, CancellationToken cancellationToken = default);

    /// <summary>The condition held again while active: one more occurrence. False when the alert is no longer active (an operator cleared it).</summary>
    [Alias("Recur")]
    Task<bool> RecurAsync(DateTimeOffset at, IReadOnlyDictionary<string, TimestampedValue> details, CancellationToken cancellationToken = default);

    /// <summary>The rule's clear condition held; nothing changes when it was cleared already.</summary>
    [Alias("ClearByRule")]
    Task ClearByRuleAsync(DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Acknowledges the alert (again is no change); acknowledging stops its escalation.</summary>
    [Alias("Acknowledge")]
    Task<AlertInfo> AcknowledgeAsync(string user, CancellationToken cancellationToken = default);

    /// <summary>Clears the alert by hand; its rule raises a new alert only after the condition stopped holding.</summary>
    [Alias("Clear")]
    Task<AlertInfo> ClearAsync(string user, CancellationToken cancellationToken = default);

    /// <summary>Assigns the alert to a user of its tenant, or unassigns it when <paramref name="assignee"/> is null.</summary>
    [Alias("Assign")]
    Task<AlertInfo> AssignAsync(string? assignee, string user, CancellationToken cancellationToken = default);

    /// <summary>Adds an operator's comment.</summary>
    [Alias("Comment")]
    Task<AlertInfo> CommentAsync(string user, string text, CancellationToken cancellationToken = default);

    /// <summary>The alert, or a not-found error.</summary>
    [Alias("Get")]
    Task<AlertInfo> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Erases the alert and its index row (when its tenant is deleted).</summary>
    [Alias("Erase")]
    Task EraseAsync(CancellationToken cancellationToken = default);
}
