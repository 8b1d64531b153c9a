using System.Net;
using Carmen.Testing.Node;
using static Carmen.Node.Tests.Hardening.SignInThrottleTests;

namespace Carmen.Node.Tests.Hardening;

/// <summary>A spray from many addresses reaches the node-wide ceiling; administrators where they usually work still sign in.</summary>
public sealed class SignInCeilingTests : IAsyncLifetime
{
    private const int Ceiling = 12;

    private readonly ThrottleHost _host = new(signInFailuresPerMinute: Ceiling);

    [Fact]
    public async Task PastTheCeilingOnlyAddressesThatSignedInLatelyAreHeard()
    {
        using HttpClient office = _host.ClientFrom("127.0.20.1");
        (await SignInAsync(office, "admin", CarmenApiFactory.AdminPassword)).StatusCode.Should().Be(HttpStatusCode.OK);

        for (int i = 0; i < Ceiling; i++)
        {
            using HttpClient sprayer = _host.ClientFrom($"127.0.21.{i + 1}");
            (await SignInAsync(sprayer, $"user-{i}", "wrong-password")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        using HttpClient newcomer = _host.ClientFrom("127.0.22.1");
        (await SignInAsync(newcomer, "admin", CarmenApiFactory.AdminPassword)).StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await SignInAsync(office, "admin", CarmenApiFactory.AdminPassword)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public Task InitializeAsync() => _host.InitializeAsync();

    public Task DisposeAsync() => _host.DisposeAsync();
}
