namespace Carmen.Grains.Interfaces.Alerts;

/// <summary>A rule that raises only when its condition was seen true <see cref="Count"/> times within <see cref="WithinMinutes"/>.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.AlertRepeat")]
public sealed record AlertRepeat([property: Id(0)] int Count, [property: Id(1)] int WithinMinutes);
