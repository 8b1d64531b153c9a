namespace Carmen.Api.Contracts;

/// <summary>
/// Sign-ins of a period: by user, by address and by hour of the day (UTC), the addresses that failed most, and who
/// changed what through the API in the period (by actor). <see cref="Truncated"/> when the period held more events
/// than one summary reads. <see cref="ClusterAccess"/>, when a cluster was asked about: who called its resources.
/// </summary>
public sealed record AccessPatternsResponse(
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<SignInCountResponse> ByUser,
    IReadOnlyList<SignInCountResponse> ByAddress,
    IReadOnlyList<SignInCountResponse> ByHour,
    IReadOnlyList<SignInCountResponse> TopFailingAddresses,
    IReadOnlyDictionary<string, int> ChangesByActor,
    bool Truncated,
    IReadOnlyList<ClusterAccessResponse>? ClusterAccess = null);
