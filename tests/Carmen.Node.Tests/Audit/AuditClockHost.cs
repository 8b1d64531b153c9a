using Carmen.Testing.Node;
using Microsoft.Extensions.Time.Testing;

namespace Carmen.Node.Tests.Audit;

/// <summary>A node whose audit records are stamped by a clock the tests move (retention).</summary>
public sealed class AuditClockHost : IAsyncLifetime
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    public CarmenApiFactory Factory { get; }

    public AuditClockHost() => Factory = new CarmenApiFactory { AuditClock = Clock };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
