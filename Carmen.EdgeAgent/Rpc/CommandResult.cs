namespace Carmen.EdgeAgent.Rpc;

/// <summary>How a command ended, with the start of its output (bounded).</summary>
public sealed record CommandResult(int? ExitCode, string Output, string Error, bool Truncated, bool TimedOut);
