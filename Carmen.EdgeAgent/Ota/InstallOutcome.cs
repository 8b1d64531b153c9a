namespace Carmen.EdgeAgent.Ota;

/// <summary>How an installer run ended, and the end of its output for Carmen's feedback.</summary>
public sealed record InstallOutcome(bool Installed, bool NeedsReboot, IReadOnlyList<string> Log);
