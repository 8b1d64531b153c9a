using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Grains.Updates;

[GenerateSerializer, Alias("Carmen.DdiSettingsState")]
public sealed class DdiSettingsState
{
    [Id(0)] public DdiSettings Settings { get; set; } = DdiSettings.Default;
}
