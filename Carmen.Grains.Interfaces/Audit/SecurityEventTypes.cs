namespace Carmen.Grains.Interfaces.Audit;

/// <summary>
/// The security events Carmen records (source <see cref="AuditSources.Security"/>), and which API changes count as
/// security events too: access, keys, invitations, identity providers, users and the caller's own credentials.
/// </summary>
public static class SecurityEventTypes
{
    /// <summary>A sign-in succeeded (detail "method": password, totp, sso, recoveryCode).</summary>
    public const string SignInSucceeded = "signIn.succeeded";

    /// <summary>A sign-in failed: unknown user, wrong password or code, refused by the tenant's network policy.</summary>
    public const string SignInFailed = "signIn.failed";

    /// <summary>An account was locked after too many failures.</summary>
    public const string SignInLockedOut = "signIn.lockedOut";

    /// <summary>An administrator signed in from an address or browser not seen before (they were told by mail).</summary>
    public const string SignInNewClient = "signIn.newClient";

    /// <summary>A sign-in was refused because its address is blocked.</summary>
    public const string SignInThrottled = "signIn.throttled";

    /// <summary>An address failing across many accounts was blocked (credential stuffing).</summary>
    public const string AddressBlocked = "address.blocked";

    /// <summary>A blocked address's time ran out.</summary>
    public const string AddressUnblocked = "address.unblocked";

    /// <summary>An API key signed a request from an address it had not used before.</summary>
    public const string ApiKeyNewAddress = "apiKey.newAddress";

    /// <summary>A request came with an API key that is unknown, revoked, expired or refused by the network policy.</summary>
    public const string ApiKeyRefused = "apiKey.refused";

    /// <summary>A device's MQTT CONNECT was refused for its credentials.</summary>
    public const string MqttConnectRefused = "mqtt.connectRefused";

    /// <summary>An address was banned for a while after repeated MQTT credential failures.</summary>
    public const string MqttAddressBanned = "mqtt.addressBanned";

    /// <summary>A DDI request's target or gateway token was refused.</summary>
    public const string DdiAuthenticationFailed = "ddi.authenticationFailed";

    /// <summary>A device provisioning request came with a wrong provisioning key or secret.</summary>
    public const string ProvisioningRefused = "provisioning.refused";

    /// <summary>The API's target types whose changes are security events as well as audit records.</summary>
    public static IReadOnlyList<string> ApiTargets { get; } =
        ["role-assignments", "roles", "invitations", "keys", "service-accounts", "identity-providers", "users", "retention", "network-policy"];

    /// <summary>The API's actions below these are the caller's own credentials (password, second factor) and invitations accepted.</summary>
    public static IReadOnlyList<string> ApiActionPrefixes { get; } = ["POST /auth/", "DELETE /auth/", "POST /invitations/"];

    /// <summary>Whether a record belongs to the security view.</summary>
    public static bool IsSecurityRelevant(string source, string action, string targetType) =>
        source == AuditSources.Security
        || source == AuditSources.Api && (ApiTargets.Contains(targetType) || ApiActionPrefixes.Any(prefix => action.StartsWith(prefix, StringComparison.Ordinal)));
}
