namespace Carmen.Grains.Interfaces.Alerts;

/// <summary>The devices a rule watches: the whole tenant, or those of one business unit, cluster, device type or label (<see cref="Id"/>).</summary>
[GenerateSerializer, Immutable, Alias("Carmen.AlertScope")]
public sealed record AlertScope([property: Id(0)] AlertScopeKind Kind, [property: Id(1)] string? Id = null)
{
    /// <summary>Every device of the tenant.</summary>
    public static AlertScope Tenant { get; } = new(AlertScopeKind.Tenant);
}
