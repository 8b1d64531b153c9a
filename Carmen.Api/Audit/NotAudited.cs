namespace Carmen.Api.Audit;

/// <summary>
/// Endpoint metadata for a mutating route that is not a change to record (a sign-in asks for a token and changes
/// nothing; it is a security event instead). The reason is for whoever reads the route table.
/// </summary>
public sealed record NotAudited(string Reason);
