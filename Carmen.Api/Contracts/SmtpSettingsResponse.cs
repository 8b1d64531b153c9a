using Carmen.Grains.Interfaces.Notifications;

namespace Carmen.Api.Contracts;

/// <summary>A tenant's mail server, its password never shown.</summary>
public sealed record SmtpSettingsResponse(string Host, int Port, SmtpSecurity Security, string From, string? Username, bool HasPassword)
{
    public static SmtpSettingsResponse Of(SmtpSettings settings) =>
        new(settings.Host, settings.Port, settings.Security, settings.From, settings.Username, settings.Password is not null);
}
