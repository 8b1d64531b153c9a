namespace Carmen.Grains.Interfaces.Alerts;

/// <summary>A note an operator left on an alert.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.AlertComment")]
public sealed record AlertComment(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string User,
    [property: Id(2)] string Text);
