using System.Net;
using System.Net.Http.Headers;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Hardening;

/// <summary>A metrics listener opened to other machines takes only scrapes that carry the configured token.</summary>
public sealed class MetricsScrapeTokenTests : IAsyncLifetime
{
    private const string Token = "scrape-token-for-prometheus-0123456789";

    private readonly CarmenApiFactory _factory = new() { Settings = new Dictionary<string, string> { ["Carmen:Metrics:ScrapeToken"] = Token } };

    [Fact]
    public async Task ScrapesWithoutTheTokenAreRefused()
    {
        using HttpClient scraper = _factory.CreateMetricsClient();

        HttpResponseMessage anonymous = await scraper.GetAsync(new Uri("/metrics", UriKind.Relative));
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "wrong-token");
        HttpResponseMessage wrong = await scraper.GetAsync(new Uri("/metrics", UriKind.Relative));
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        HttpResponseMessage right = await scraper.GetAsync(new Uri("/metrics", UriKind.Relative));

        anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        wrong.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        right.StatusCode.Should().Be(HttpStatusCode.OK);
        (await right.Content.ReadAsStringAsync()).Should().Contain("carmen_");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();
}
