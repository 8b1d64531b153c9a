namespace Carmen.Grains.Platform;

/// <summary>A cheap round trip to the store behind grain state and the index, for readiness checks.</summary>
public interface IStoreProbe
{
    Task PingAsync(CancellationToken cancellationToken = default);
}
