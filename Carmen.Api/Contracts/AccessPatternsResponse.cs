namespace Carmen.Api.Contracts;

/// <summary>
/// Sign-ins of a period: by user, by address and by hour of the day (UTC), the addresses that failed most, and who
/// changed what through the API in the period (by actor). <see cref="Truncated"/> when the period held more events
/// than one summary reads.
/// </summary>
public sealed record AccessPatternsResponse(
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<SignInCountResponse> ByUser,
    IReadOnlyList<SignInCountResponse> ByAddress,
    IReadOnlyList<SignInCountResponse> ByHour,
    IReadOnlyList<SignInCountResponse> TopFailingAddresses,
    IReadOnlyDictionary<string, int> ChangesByActor,
    bool Truncated);
