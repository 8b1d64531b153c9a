namespace Carmen.Grains.Interfaces.Escalation;

/// <summary>
/// Ordered levels of notification for an alert nobody acknowledges, and how often (<see cref="RenotifyMinutes"/>) the
/// latest level reached is notified again meanwhile. Acknowledging or clearing the alert ends it.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.EscalationPathDraft")]
public sealed record EscalationPathDraft(
    [property: Id(0)] string Name,
    [property: Id(1)] IReadOnlyList<EscalationLevel> Levels,
    [property: Id(2)] int? RenotifyMinutes = null);
