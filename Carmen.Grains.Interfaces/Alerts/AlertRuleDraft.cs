namespace Carmen.Grains.Interfaces.Alerts;

/// <summary>
/// An alert rule as an operator writes it. <see cref="Condition"/> and <see cref="ClearCondition"/> are condition JSON
/// (a leaf <c>{"key","op","value"}</c>, <c>{"all":[...]}</c>, <c>{"any":[...]}</c>, <c>{"noData":{"key","minutes"}}</c>,
/// <c>{"offline":{"minutes"}}</c>, <c>{"event":"otaFailed|rolloutPaused"}</c>), checked when the rule is saved.
/// Without a clear condition, an alert clears once the condition has been false for <see cref="ForSeconds"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.AlertRuleDraft")]
public sealed record AlertRuleDraft(
    [property: Id(0)] string Name,
    [property: Id(1)] AlertSeverity Severity,
    [property: Id(2)] AlertScope Scope,
    [property: Id(3)] string Condition,
    [property: Id(4)] string? ClearCondition = null,
    [property: Id(5)] int ForSeconds = 0,
    [property: Id(6)] AlertRepeat? Repeat = null,
    [property: Id(7)] long? EscalationPathId = null,
    [property: Id(8)] bool Enabled = true);
