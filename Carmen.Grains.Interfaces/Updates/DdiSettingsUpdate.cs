namespace Carmen.Grains.Interfaces.Updates;

/// <summary>A change to <see cref="DdiSettings"/>; null fields stay as they are.</summary>
[GenerateSerializer, Immutable, Alias("Carmen.DdiSettingsUpdate")]
public sealed record DdiSettingsUpdate(
    [property: Id(0)] TimeSpan? PollingSleep = null,
    [property: Id(1)] bool? AutoRegister = null,
    [property: Id(2)] string? AutoRegisterClusterId = null,
    [property: Id(3)] bool IssueGatewayToken = false,
    [property: Id(4)] bool RevokeGatewayToken = false);
