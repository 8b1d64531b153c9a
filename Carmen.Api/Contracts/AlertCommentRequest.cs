namespace Carmen.Api.Contracts;

/// <summary>An operator's note on an alert.</summary>
public sealed record AlertCommentRequest(string? Text);
