namespace Carmen.Grains.Platform;

[GenerateSerializer, Alias("Carmen.PlatformHealthState")]
public sealed class PlatformHealthState
{
    /// <summary>The alert raised for each failing "check/subject".</summary>
    [Id(0)] public Dictionary<string, string> Failing { get; set; } = [];

    /// <summary>The platform escalation path new platform alerts follow.</summary>
    [Id(1)] public long? EscalationPathId { get; set; }
}
