using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Access;

/// <summary>A node whose second-factor clock the tests move: codes are computed and checked at a time they choose.</summary>
public sealed class SecondFactorHost() : MovedClockHost(clock => new CarmenApiFactory { SecondFactorClock = clock });
