namespace Carmen.Api.Hosting;

/// <summary>
/// Keeps trying to reach the cluster when the API process starts before any silo is up (compose, Kubernetes), instead
/// of exiting on the first failed attempt; the orchestrator's startup probe decides how long is too long.
/// </summary>
internal sealed partial class ClusterConnectionRetryFilter(ILogger<ClusterConnectionRetryFilter> logger) : IClientConnectionRetryFilter
{
    private static readonly TimeSpan s_retryDelay = TimeSpan.FromSeconds(2);
    private int _attempts;

    public async Task<bool> ShouldRetryConnectionAttempt(Exception exception, CancellationToken cancellationToken)
    {
        LogRetry(logger, ++_attempts, s_retryDelay.TotalSeconds, exception.Message);
        try
        {
            await Task.Delay(s_retryDelay, cancellationToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "No silo of the cluster answered (attempt {Attempt}); retrying in {DelaySeconds} s: {Reason}")]
    private static partial void LogRetry(ILogger logger, int attempt, double delaySeconds, string reason);
}
