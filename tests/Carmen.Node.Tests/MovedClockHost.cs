using Carmen.Testing.Node;
using Microsoft.Extensions.Time.Testing;

namespace Carmen.Node.Tests;

/// <summary>A node one of whose clocks the tests move: each subclass hands <see cref="Clock"/> to the part it drives.</summary>
public abstract class MovedClockHost : IAsyncLifetime
{
    protected MovedClockHost(Func<FakeTimeProvider, CarmenApiFactory> create) => Factory = create(Clock);

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public CarmenApiFactory Factory { get; }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
