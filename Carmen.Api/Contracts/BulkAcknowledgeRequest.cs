namespace Carmen.Api.Contracts;

/// <summary>The alerts to acknowledge at once.</summary>
public sealed record BulkAcknowledgeRequest(IReadOnlyList<string>? Ids);
