namespace Carmen.Grains.Interfaces.Access;

/// <summary>
/// One change of access: who made it, from where and when, and what it gave or took. <see cref="Principal"/> and
/// <see cref="Scope"/> are empty for changes of a role's definition.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.AccessChange")]
public sealed record AccessChange(
    [property: Id(0)] long Sequence,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] AccessChangeKind Kind,
    [property: Id(3)] string By,
    [property: Id(4)] string? Address,
    [property: Id(5)] string? Principal,
    [property: Id(6)] string RoleId,
    [property: Id(7)] AccessScope? Scope,
    [property: Id(8)] long? AssignmentId,
    [property: Id(9)] string? Detail = null);
