namespace Carmen.Grains.Interfaces.Escalation;

/// <summary>
/// A named group of the tenant's users, the territories it covers (none: the whole tenant) and the channels that reach
/// it. An alert is routed to every team whose territory holds its device.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.TeamDraft")]
public sealed record TeamDraft(
    [property: Id(0)] string Name,
    [property: Id(1)] IReadOnlyList<string> Members,
    [property: Id(2)] IReadOnlyList<Territory> Territories,
    [property: Id(3)] IReadOnlyList<long> ChannelIds);
