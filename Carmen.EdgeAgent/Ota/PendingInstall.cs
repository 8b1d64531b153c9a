namespace Carmen.EdgeAgent.Ota;

/// <summary>An install that needs a reboot to take effect; kept on disk so the agent can confirm or fail it after the reboot.</summary>
public sealed record PendingInstall(long ActionId, long? DistributionSetId, string Version, string BootId, DateTimeOffset InstalledAt);
