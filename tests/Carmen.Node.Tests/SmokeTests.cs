using System.Net;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests;

public sealed class SmokeTests
{
    [Fact]
    public async Task ReadyProbeAnswersOnceTheSiloServes()
    {
        await using var factory = new CarmenApiFactory();
        using HttpClient client = factory.CreateClient();

        HttpResponseMessage ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));

        ready.StatusCode.Should().Be(HttpStatusCode.OK);
        Directory.Exists(factory.DataDirectory).Should().BeTrue();
    }
}
