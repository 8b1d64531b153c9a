namespace Carmen.Api.Contracts;

/// <summary>A failed call signed with a key: when, which request, the status and the problem's detail.</summary>
public sealed record KeyErrorResponse(DateTimeOffset At, string Request, int Status, string? Detail);
