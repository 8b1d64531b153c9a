using System.Net;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Hardening;

/// <summary>
/// A node with credential throttles low enough to reach, and HTTP clients that come from a chosen loopback address
/// (the in-memory test server has none of its own).
/// </summary>
public sealed class ThrottleHost : IAsyncLifetime
{
    public const int FailuresPerAddress = 6;

    /// <summary>A node-wide ceiling no test class sharing this host reaches by accident.</summary>
    public ThrottleHost()
        : this(signInFailuresPerMinute: 10_000)
    {
    }

    internal ThrottleHost(int signInFailuresPerMinute) => Factory = new()
    {
        Settings = new Dictionary<string, string>
        {
            ["Carmen:Security:Throttle:FailuresPerAddress"] = FailuresPerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Carmen:Security:Throttle:SignInFailuresPerMinute"] = signInFailuresPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
    };

    public CarmenApiFactory Factory { get; }

    /// <summary>A client whose requests come from <paramref name="address"/> (in 127.0.0.0/8).</summary>
    public HttpClient ClientFrom(string address)
    {
        IPAddress source = IPAddress.Parse(address);
        return new HttpClient(Factory.Server.CreateHandler(context => context.Connection.RemoteIpAddress = source)) { BaseAddress = Factory.Server.BaseAddress };
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
