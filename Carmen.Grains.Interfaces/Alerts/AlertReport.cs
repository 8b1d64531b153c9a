namespace Carmen.Grains.Interfaces.Alerts;

/// <summary>
/// A tenant's alerts raised in [<see cref="From"/>, <see cref="To"/>): the totals, by severity, rule and cluster (most
/// alerts first), and the <see cref="MaxNoisyDevices"/> devices that raised the most.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.AlertReport")]
public sealed record AlertReport(
    [property: Id(0)] DateTimeOffset From,
    [property: Id(1)] DateTimeOffset To,
    [property: Id(2)] AlertReportLine Total,
    [property: Id(3)] IReadOnlyList<AlertReportLine> BySeverity,
    [property: Id(4)] IReadOnlyList<AlertReportLine> ByRule,
    [property: Id(5)] IReadOnlyList<AlertReportLine> ByCluster,
    [property: Id(6)] IReadOnlyList<AlertReportLine> NoisyDevices)
{
    /// <summary>How many of the noisiest devices a report names.</summary>
    public const int MaxNoisyDevices = 10;
}
