namespace Carmen.EdgeAgent.Attributes;

/// <summary>The distribution set the device runs, as the last successful install recorded it.</summary>
public sealed record InstalledSoftware(long DistributionSetId, string Version);
