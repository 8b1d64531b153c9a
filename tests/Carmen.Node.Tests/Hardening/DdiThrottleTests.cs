using System.Net;
using System.Net.Http.Headers;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Hardening;

/// <summary>Wrong DDI tokens are throttled by source address, as wrong MQTT CONNECTs are.</summary>
public sealed class DdiThrottleTests(ThrottleHost host) : IClassFixture<ThrottleHost>
{
    [Fact]
    public async Task GuessingTargetTokensIsStoppedBeforeTheRightOneIsFound()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(host.Factory);
        string tenant = await admin.CreateTenantAsync();
        string token = (await admin.CreateDeviceAsync(tenant, "d1"))["accessToken"]!.GetValue<string>();
        using HttpClient guesser = host.ClientFrom("127.0.30.1");
        using HttpClient device = host.ClientFrom("127.0.30.2");

        List<HttpStatusCode> answers = [];
        for (int i = 0; i < ThrottleHost.FailuresPerAddress; i++)
        {
            answers.Add((await PollAsync(guesser, tenant, $"guess-{i:D4}-0000000000000000000000")).StatusCode);
        }

        HttpResponseMessage rightAfterGuesses = await PollAsync(guesser, tenant, token);

        answers.Should().AllBeEquivalentTo(HttpStatusCode.Unauthorized);
        rightAfterGuesses.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        (await PollAsync(device, tenant, token)).StatusCode.Should().Be(HttpStatusCode.OK, "the device itself polls from elsewhere");
    }

    private static Task<HttpResponseMessage> PollAsync(HttpClient client, string tenant, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/{tenant}/controller/v1/d1");
        request.Headers.Authorization = new AuthenticationHeaderValue("TargetToken", token);
        return client.SendAsync(request);
    }
}
