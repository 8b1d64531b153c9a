namespace Carmen.Grains.Interfaces.Support;

/// <summary>
/// Service-level targets by ticket priority, measured on a business calendar. <see cref="TenantIds"/>: the tenants it
/// covers; null makes it the default for every tenant no other policy names.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.SlaPolicy")]
public sealed record SlaPolicy(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string CalendarId,
    [property: Id(3)] IReadOnlyDictionary<TicketPriority, SlaTargets> Targets,
    [property: Id(4)] IReadOnlyList<string>? TenantIds);
