using Carmen.Testing.Node;
using Microsoft.Extensions.Time.Testing;

namespace Carmen.Node.Tests.Access;

/// <summary>A node whose second-factor clock the tests move: codes are computed and checked at a time they choose.</summary>
public sealed class SecondFactorHost : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public CarmenApiFactory Factory { get; }

    public SecondFactorHost() => Factory = new CarmenApiFactory { SecondFactorClock = Clock };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
