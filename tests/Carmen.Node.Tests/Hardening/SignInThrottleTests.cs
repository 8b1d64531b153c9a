using System.Net;
using System.Net.Http.Json;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Hardening;

/// <summary>
/// Guessing is throttled by source address, names that do not exist included; an account locked by strangers still
/// lets its user in from where the user usually signs in. Each test uses its own loopback addresses.
/// </summary>
public sealed class SignInThrottleTests(ThrottleHost host) : IClassFixture<ThrottleHost>
{
    [Fact]
    public async Task AnAddressSprayingUnknownNamesIsThrottledAndOthersAreNot()
    {
        using HttpClient attacker = host.ClientFrom("127.0.10.1");
        using HttpClient admin = host.ClientFrom("127.0.10.2");

        List<HttpStatusCode> answers = [];
        for (int i = 0; i < ThrottleHost.FailuresPerAddress + 1; i++)
        {
            answers.Add((await SignInAsync(attacker, $"nobody-{i}", "not-the-password")).StatusCode);
        }

        HttpResponseMessage blocked = await SignInAsync(attacker, "admin", CarmenApiFactory.AdminPassword);

        answers.Take(ThrottleHost.FailuresPerAddress).Should().AllBeEquivalentTo(HttpStatusCode.Unauthorized);
        answers[^1].Should().Be(HttpStatusCode.TooManyRequests);
        blocked.StatusCode.Should().Be(HttpStatusCode.TooManyRequests, "even the right password waits once the address is blocked");
        blocked.Headers.RetryAfter.Should().NotBeNull();
        (await SignInAsync(admin, "admin", CarmenApiFactory.AdminPassword)).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UnknownNamesLockLikeRealOnesSoLockoutRevealsNoUsername()
    {
        using CarmenClient platform = await CarmenClient.SignInAsAdminAsync(host.Factory);
        string tenant = await platform.CreateTenantAsync();
        using HttpClient prober = host.ClientFrom("127.0.11.1");

        HttpStatusCode[] real = [.. await FailAsync(prober, tenant, $"{tenant}-admin", 3)];
        using HttpClient second = host.ClientFrom("127.0.11.2");
        HttpStatusCode[] ghost = [.. await FailAsync(second, tenant, $"{tenant}-ghost", 3)];

        ghost.Should().Equal(real);
        real[^1].Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task AnAccountLockedByStrangersStillLetsItsUserInFromItsUsualAddress()
    {
        using CarmenClient platform = await CarmenClient.SignInAsAdminAsync(host.Factory);
        string tenant = await platform.CreateTenantAsync();
        using HttpClient office = host.ClientFrom("127.0.12.1");
        using HttpClient stranger = host.ClientFrom("127.0.12.2");
        (await SignInAsync(office, $"{tenant}-admin", CarmenClient.UserPassword, tenant)).StatusCode.Should().Be(HttpStatusCode.OK);

        await FailAsync(stranger, tenant, $"{tenant}-admin", 3);
        HttpResponseMessage strangerWithPassword = await SignInAsync(stranger, $"{tenant}-admin", CarmenClient.UserPassword, tenant);
        HttpResponseMessage fromOffice = await SignInAsync(office, $"{tenant}-admin", CarmenClient.UserPassword, tenant);

        strangerWithPassword.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        fromOffice.StatusCode.Should().Be(HttpStatusCode.OK, "the lockout an attacker caused does not lock the user out of the usual address");
    }

    private static async Task<List<HttpStatusCode>> FailAsync(HttpClient client, string tenant, string username, int times)
    {
        List<HttpStatusCode> answers = [];
        for (int i = 0; i < times; i++)
        {
            answers.Add((await SignInAsync(client, username, "wrong-password-" + i, tenant)).StatusCode);
        }

        return answers;
    }

    internal static Task<HttpResponseMessage> SignInAsync(HttpClient client, string username, string password, string? tenant = null) =>
        client.PostAsJsonAsync("/api/v1/auth/token", new { username, password, tenant });
}
