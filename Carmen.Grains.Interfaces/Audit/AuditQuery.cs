namespace Carmen.Grains.Interfaces.Audit;

/// <summary>
/// A filter over one chain: a period, who, what and on what, newest first; <see cref="BeforeId"/> continues a page.
/// <see cref="SecurityOnly"/> keeps the security view (<see cref="SecurityEventTypes.IsSecurityRelevant"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.AuditQuery")]
public sealed record AuditQuery(
    [property: Id(0)] DateTimeOffset? From = null,
    [property: Id(1)] DateTimeOffset? To = null,
    [property: Id(2)] string? Actor = null,
    [property: Id(3)] string? Action = null,
    [property: Id(4)] string? TargetType = null,
    [property: Id(5)] string? TargetId = null,
    [property: Id(6)] string? Source = null,
    [property: Id(7)] long? BeforeId = null,
    [property: Id(8)] int Limit = 100,
    [property: Id(9)] bool SecurityOnly = false,
    [property: Id(10)] string? Address = null);
