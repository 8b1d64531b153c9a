namespace Carmen.Grains.Interfaces.Connectivity;

/// <summary>What an operator asks when a device misbehaves: is it connected, through what, and what was refused.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.DeviceDiagnostics")]
public sealed record DeviceDiagnostics(
    [property: Id(0)] bool Connected,
    [property: Id(1)] string? ClientId,
    [property: Id(2)] string? Gateway,
    [property: Id(3)] string? RemoteAddress,
    [property: Id(4)] string? Protocol,
    [property: Id(5)] DateTimeOffset? ConnectedAt,
    [property: Id(6)] DateTimeOffset? LastSeenAt,
    [property: Id(7)] long MessagesReceived,
    [property: Id(8)] long PointsReceived,
    [property: Id(9)] IReadOnlyDictionary<RejectionReason, long> Rejected,
    [property: Id(10)] IReadOnlyList<RejectedMessage> RecentRejections);
