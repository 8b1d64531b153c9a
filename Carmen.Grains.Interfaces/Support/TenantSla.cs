namespace Carmen.Grains.Interfaces.Support;

/// <summary>The policy in force for a tenant, with its calendar.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.TenantSla")]
public sealed record TenantSla(
    [property: Id(0)] SlaPolicy Policy,
    [property: Id(1)] BusinessCalendar Calendar);
