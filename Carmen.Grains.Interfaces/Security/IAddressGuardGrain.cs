namespace Carmen.Grains.Interfaces.Security;

/// <summary>
/// One client address, cluster-wide: its failed sign-ins across accounts, and whether it is blocked for credential
/// stuffing (one address failing across many accounts). A block ends by itself after its time.
/// </summary>
[Alias("Carmen.IAddressGuardGrain")]
public interface IAddressGuardGrain : IGrainWithStringKey
{
    /// <summary>Until when the address is blocked, or null.</summary>
    [Alias("BlockedUntil")]
    Task<DateTimeOffset?> BlockedUntilAsync(CancellationToken cancellationToken = default);

    /// <summary>Counts a failed sign-in to <paramref name="account"/> (of <paramref name="tenantId"/>); returns the block it caused, if any.</summary>
    [Alias("RecordFailure")]
    Task<DateTimeOffset?> RecordFailureAsync(string account, string? tenantId, CancellationToken cancellationToken = default);
}
