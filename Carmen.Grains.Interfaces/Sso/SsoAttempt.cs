namespace Carmen.Grains.Interfaces.Sso;

/// <summary>
/// A sign-in sent to a provider and not yet back: what its callback is checked against (kept by its state, used once),
/// and the invitation it accepts, when it began on an invitation's page.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.SsoAttempt")]
public sealed record SsoAttempt(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string ProviderId,
    [property: Id(2)] string Nonce,
    [property: Id(3)] string CodeVerifier,
    [property: Id(4)] string RedirectUri,
    [property: Id(5)] string? InvitationToken = null);
