using Carmen.Testing.Node;
using Microsoft.Extensions.Time.Testing;

namespace Carmen.Node.Tests.RateLimits;

/// <summary>A node whose rate-limit buckets fill by a clock the tests move: a limit fires at its burst, exactly.</summary>
public sealed class RateLimitHost : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public CarmenApiFactory Factory { get; }

    public RateLimitHost() => Factory = new CarmenApiFactory { RateLimitClock = Clock };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
