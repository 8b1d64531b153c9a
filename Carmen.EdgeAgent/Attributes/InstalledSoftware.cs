namespace Carmen.EdgeAgent.Attributes;

/// <summary>
/// What the device runs, as the last successful install recorded it: the action that installed it, and its distribution
/// set (unknown when the action came over DDI, which names modules, not sets).
/// </summary>
public sealed record InstalledSoftware(long? DistributionSetId, string Version, long? ActionId = null);
