namespace Carmen.Api.Contracts;

/// <summary>A rule's scope: <c>{"type":"tenant"}</c>, or businessUnit, cluster, deviceType or label with its <c>id</c>.</summary>
public sealed record AlertScopeContract(string? Type = null, string? Id = null);
