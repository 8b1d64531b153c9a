using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Api.Contracts;

/// <summary>
/// How a device connects: whether it is connected now, through what (client id, gateway, address, protocol), since when,
/// what it sent, and what was refused (counts by reason and the latest refusals).
/// </summary>
public sealed record DeviceDiagnosticsResponse(
    bool Connected,
    string? ClientId,
    string? Gateway,
    string? RemoteAddress,
    string? Protocol,
    DateTimeOffset? ConnectedAt,
    DateTimeOffset? LastSeenAt,
    long MessagesReceived,
    long PointsReceived,
    IReadOnlyDictionary<RejectionReason, long> Rejected,
    IReadOnlyList<RejectedMessageResponse> RecentRejections)
{
    public static DeviceDiagnosticsResponse From(DeviceDiagnostics diagnostics) => new(
        diagnostics.Connected, diagnostics.ClientId, diagnostics.Gateway, diagnostics.RemoteAddress, diagnostics.Protocol,
        diagnostics.ConnectedAt, diagnostics.LastSeenAt, diagnostics.MessagesReceived, diagnostics.PointsReceived, diagnostics.Rejected,
        [.. diagnostics.RecentRejections.Select(RejectedMessageResponse.From)]);
}
