using Carmen.Grains.Interfaces.Support;

namespace Carmen.Grains.Support;

[GenerateSerializer, Alias("Carmen.SupportSettingsState")]
public sealed class SupportSettingsState
{
    [Id(0)] public Dictionary<string, BusinessCalendar> Calendars { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public Dictionary<string, SlaPolicy> Policies { get; set; } = new(StringComparer.Ordinal);
}
