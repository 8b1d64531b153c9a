using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Api.Contracts;

public sealed record DeviceImportResponse(
    string Id,
    DeviceImportState State,
    int Total,
    int Processed,
    int Succeeded,
    int Failed,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<DeviceImportRowResponse>? Rows)
{
    public static DeviceImportResponse From(DeviceImportStatus status) => new(
        status.ImportId, status.State, status.Total, status.Processed, status.Succeeded, status.Failed, status.CreatedAt, status.CompletedAt,
        status.Rows?.Select(DeviceImportRowResponse.From).ToList());
}
