using Carmen.Testing.Node;

namespace Carmen.Node.Tests.RateLimits;

/// <summary>A node whose rate-limit buckets fill by a clock the tests move: a limit fires at its burst, exactly.</summary>
public sealed class RateLimitHost() : MovedClockHost(clock => new CarmenApiFactory { RateLimitClock = clock });
