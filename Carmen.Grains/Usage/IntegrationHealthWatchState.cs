namespace Carmen.Grains.Usage;

[GenerateSerializer, Alias("Carmen.IntegrationHealthWatchState")]
public sealed class IntegrationHealthWatchState
{
    /// <summary>The open alert of each rule and key that met it, by "ruleId/keyId".</summary>
    [Id(0)]
    public Dictionary<string, string> Open { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Whether an enabled rule waits for integrationHealth (the reminder is kept while so).</summary>
    [Id(1)]
    public bool Watching { get; set; }
}
