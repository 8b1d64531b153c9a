namespace Carmen.Grains.Interfaces.Notifications;

/// <summary>
/// A notification channel as an operator writes it: a webhook or Slack channel has a <see cref="Url"/> (a webhook may
/// have a <see cref="Secret"/> to sign with); an email channel has <see cref="Recipients"/>. A webhook with
/// <see cref="AccessEvents"/> also receives an <c>access.changed</c> event for every change of access in its tenant, and
/// one with <see cref="SecurityEvents"/> a <c>security.events</c> event for each batch of security events, and one with
/// <see cref="LicenseEvents"/> a <c>license.*</c> event for each license warning of its tenant.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.NotificationChannelDraft")]
public sealed record NotificationChannelDraft(
    [property: Id(0)] string Name,
    [property: Id(1)] NotificationChannelType Type,
    [property: Id(2)] string? Url = null,
    [property: Id(3)] string? Secret = null,
    [property: Id(4)] IReadOnlyList<string>? Recipients = null,
    [property: Id(5)] bool AccessEvents = false,
    [property: Id(6)] bool SecurityEvents = false,
    [property: Id(7)] bool LicenseEvents = false);
