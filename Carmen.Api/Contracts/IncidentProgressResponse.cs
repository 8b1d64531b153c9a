namespace Carmen.Api.Contracts;

/// <summary>How many of an incident's devices are pending, contained, failed and released.</summary>
public sealed record IncidentProgressResponse(int Total, int Pending, int Contained, int Failed, int Released);
