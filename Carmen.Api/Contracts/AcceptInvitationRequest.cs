namespace Carmen.Api.Contracts;

/// <summary>Accepts an invitation without its page: the token from the link, and a new (or the existing) username and password.</summary>
public sealed record AcceptInvitationRequest(string? Token, string? Username, string? Password);
