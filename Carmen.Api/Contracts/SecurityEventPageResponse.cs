namespace Carmen.Api.Contracts;

/// <summary>Security events newest first; pass <see cref="NextBefore"/> as <c>before</c> for the next page.</summary>
public sealed record SecurityEventPageResponse(IReadOnlyList<SecurityEventResponse> Events, long? NextBefore);
