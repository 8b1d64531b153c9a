namespace Carmen.Api.Contracts;

/// <summary>One error of a bulk row, with the HTTP status the same error gets on a single request.</summary>
public sealed record RowErrorResponse(string? Field, string Message, int Status, string? Entitlement = null);
