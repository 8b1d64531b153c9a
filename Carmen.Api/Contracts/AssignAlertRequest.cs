namespace Carmen.Api.Contracts;

/// <summary>The user of the tenant to assign an alert to; null unassigns it.</summary>
public sealed record AssignAlertRequest(string? Assignee);
