namespace Carmen.Grains.Interfaces.Rollouts;

/// <summary>
/// When a group has failed: <see cref="Count"/> failed devices, or <see cref="Percentage"/> of the devices that
/// reported an outcome once at least <see cref="MinSample"/> of them did.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.ErrorCondition")]
public sealed record ErrorCondition(
    [property: Id(0)] int? Count = null,
    [property: Id(1)] double? Percentage = null,
    [property: Id(2)] int MinSample = 1,
    [property: Id(3)] ErrorAction Action = ErrorAction.Pause);
