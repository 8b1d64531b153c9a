namespace Carmen.Api.Contracts;

/// <summary>Where a user of this email signs in: the tenant, its provider, and the address that starts the sign-in.</summary>
public sealed record SsoDiscoveryResponse(string TenantId, string ProviderId, string LoginUrl);
