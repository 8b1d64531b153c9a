using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Api.Contracts;

/// <summary>A tenant's DDI settings as the API shows them; the gateway token only right after it was issued.</summary>
public sealed record DdiSettingsResponse(string PollingSleep, bool AutoRegister, string? AutoRegisterClusterId, bool GatewayTokenIssued, DateTimeOffset? GatewayTokenIssuedAt, string? GatewayToken)
{
    public static DdiSettingsResponse From(DdiSettings settings, string? token = null) =>
        new(settings.PollingSleep.ToString(@"hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture), settings.AutoRegister,
            settings.AutoRegisterClusterId, settings.GatewayTokenHash is not null, settings.GatewayTokenIssuedAt, token);
}
