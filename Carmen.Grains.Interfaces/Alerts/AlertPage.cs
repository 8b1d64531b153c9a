namespace Carmen.Grains.Interfaces.Alerts;

/// <summary>One page of an alert listing, the number of alerts matching the filters, and the token for the next page (null on the last).</summary>
[GenerateSerializer, Immutable, Alias("Carmen.AlertPage")]
public sealed record AlertPage(
    [property: Id(0)] IReadOnlyList<AlertSummary> Items,
    [property: Id(1)] long Total,
    [property: Id(2)] string? ContinuationToken);
