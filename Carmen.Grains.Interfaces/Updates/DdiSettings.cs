namespace Carmen.Grains.Interfaces.Updates;

/// <summary>
/// A tenant's settings for hawkBit DDI clients: how often they poll, whether a gateway token is issued (only its hash is
/// kept), and whether unknown controller ids presenting it are registered into a cluster.
/// </summary>
[GenerateSerializer, Immutable, Alias("Carmen.DdiSettings")]
public sealed record DdiSettings(
    [property: Id(0)] TimeSpan PollingSleep,
    [property: Id(1)] bool AutoRegister,
    [property: Id(2)] string? AutoRegisterClusterId,
    [property: Id(3)] string? GatewayTokenHash,
    [property: Id(4)] DateTimeOffset? GatewayTokenIssuedAt)
{
    /// <summary>hawkBit's default polling interval.</summary>
    public static readonly TimeSpan DefaultPollingSleep = TimeSpan.FromMinutes(5);

    /// <summary>The settings of a tenant that never changed them.</summary>
    public static DdiSettings Default { get; } = new(DefaultPollingSleep, false, null, null, null);
}
