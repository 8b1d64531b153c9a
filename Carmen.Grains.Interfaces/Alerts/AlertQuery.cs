namespace Carmen.Grains.Interfaces.Alerts;

/// <summary>
/// A page request over a tenant's alerts, newest first. Filters combine with AND; the time range bounds when alerts
/// were raised. <see cref="ClusterIds"/> keeps the alerts of those clusters only (the clusters a caller may see).
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.AlertQuery")]
public sealed record AlertQuery(
    [property: Id(0)] IReadOnlyList<AlertState>? States = null,
    [property: Id(1)] AlertSeverity? Severity = null,
    [property: Id(2)] string? DeviceId = null,
    [property: Id(3)] long? RuleId = null,
    [property: Id(4)] string? ClusterId = null,
    [property: Id(5)] DateTimeOffset? From = null,
    [property: Id(6)] DateTimeOffset? To = null,
    [property: Id(7)] int PageSize = AlertQuery.DefaultPageSize,
    [property: Id(8)] string? ContinuationToken = null,
    [property: Id(9)] long? TeamId = null,
    [property: Id(10)] IReadOnlyList<string>? ClusterIds = null)
{
    /// <summary>Page size when none is asked for.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>Largest page served.</summary>
    public const int MaxPageSize = 1000;
}
