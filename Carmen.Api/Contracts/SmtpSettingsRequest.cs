namespace Carmen.Api.Contracts;

/// <summary>
/// A tenant's mail server: <c>{"host","port","security":"none|startTls|tls","from","username"?,"password"?}</c>.
/// A password left out keeps the one saved for the same host and user.
/// </summary>
public sealed record SmtpSettingsRequest(
    string? Host = null,
    int? Port = null,
    string? Security = null,
    string? From = null,
    string? Username = null,
    string? Password = null);
