namespace Carmen.Api.Contracts;

/// <summary>
/// A channel as written: <c>{"type":"webhook","name","url","secret"?}</c>, <c>{"type":"slack","name","url"}</c> or
/// <c>{"type":"email","name","recipients":[...]}</c>. On update a webhook's secret left out keeps the one saved. A webhook
/// with <c>accessEvents: true</c> also receives <c>access.changed</c> events; with <c>securityEvents: true</c>,
/// <c>security.events</c>; with <c>licenseEvents: true</c>, the tenant's license warnings (<c>license.expiring-soon</c>...).
/// </summary>
public sealed record NotificationChannelRequest(
    string? Type = null,
    string? Name = null,
    string? Url = null,
    string? Secret = null,
    IReadOnlyList<string>? Recipients = null,
    bool? AccessEvents = null,
    bool? SecurityEvents = null,
    bool? LicenseEvents = null);
