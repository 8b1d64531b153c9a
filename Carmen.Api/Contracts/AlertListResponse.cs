namespace Carmen.Api.Contracts;

/// <summary>A page of alerts, newest first, with the number matching the filters and the token for the next page.</summary>
public sealed record AlertListResponse(IReadOnlyList<AlertSummaryResponse> Items, long Total, int PageSize, string? ContinuationToken);
