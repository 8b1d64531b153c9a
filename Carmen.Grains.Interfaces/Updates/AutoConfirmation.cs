namespace Carmen.Grains.Interfaces.Updates;

/// <summary>
/// The device confirms every action that asks for confirmation in advance (hawkBit's auto-confirm): who switched it
/// on, why, and when.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.AutoConfirmation")]
public sealed record AutoConfirmation(
    [property: Id(0)] string? Initiator,
    [property: Id(1)] string? Remark,
    [property: Id(2)] DateTimeOffset ActivatedAt);
