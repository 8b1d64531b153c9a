namespace Carmen.Api.Contracts;

public sealed record DeviceListResponse(IReadOnlyList<DeviceSummaryResponse> Items, long Total, int PageSize, string? ContinuationToken);
