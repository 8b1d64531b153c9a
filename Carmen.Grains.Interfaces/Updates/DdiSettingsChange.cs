namespace Carmen.Grains.Interfaces.Updates;

/// <summary>The settings after a change, and the gateway token when one was just issued (shown once, never stored).</summary>
[GenerateSerializer, Immutable, Alias("Carmen.DdiSettingsChange")]
public sealed record DdiSettingsChange(
    [property: Id(0)] DdiSettings Settings,
    [property: Id(1)] string? GatewayToken);
