namespace Carmen.Api.Contracts;

/// <summary>Records newest first; pass <see cref="NextBefore"/> as <c>before</c> for the next page (null: no more).</summary>
public sealed record AuditPageResponse(IReadOnlyList<AuditRecordResponse> Records, long? NextBefore);
