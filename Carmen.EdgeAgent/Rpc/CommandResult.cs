namespace Carmen.EdgeAgent.Rpc;

/// <summary>How a command ended, with the start of its output (bounded); or, with <see cref="StartFailure"/>, why it never ran.</summary>
public sealed record CommandResult(int? ExitCode, string Output, string Error, bool Truncated, bool TimedOut, string? StartFailure = null)
{
    /// <summary>The last lines the command printed (stdout, then stderr), trimmed: where a script says what went wrong.</summary>
    public IEnumerable<string> LastLines(int count) =>
        (Output + Error).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(count);
}
