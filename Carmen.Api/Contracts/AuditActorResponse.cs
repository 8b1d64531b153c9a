namespace Carmen.Api.Contracts;

/// <summary>Who acted: kind (user, platformAdmin, serviceAccount, device, system), name, and the API key used, if any.</summary>
public sealed record AuditActorResponse(string Kind, string Name, string? KeyId);
