namespace Carmen.Api.Contracts;

/// <summary>Invites an address to a role at a scope; the link lives <c>expiresInHours</c> (72 by default, capped by the tenant).</summary>
public sealed record InvitationRequest(string? Email, string? Role, AccessScopeContract? Scope, bool? Propagate, int? ExpiresInHours);
