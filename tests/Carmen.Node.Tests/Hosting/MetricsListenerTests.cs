using Carmen.Api.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Carmen.Node.Tests.Hosting;

/// <summary>Adding the metrics listener keeps the addresses the host was given, however it was given them.</summary>
public sealed class MetricsListenerTests
{
    [Theory]
    [InlineData("urls", "http://127.0.0.1:5080", "http://127.0.0.1:5080")]
    [InlineData("http_ports", "5080", "http://*:5080")]
    [InlineData("https_ports", "8443", "https://*:8443")]
    public void TheHostsOwnAddressesAreKept(string setting, string value, string expected)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.WebHost.UseSetting(setting, value);

        string? urls = MetricsListener.ConfiguredUrls(builder.WebHost);
        builder.ListenWithMetrics(urls ?? "http://localhost:5000");

        urls.Should().Be(expected);
        builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey).Should().Be($"{expected};http://127.0.0.1:9464");
    }

    [Fact]
    public void NoAddressesGivenMeansNone()
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();

        MetricsListener.ConfiguredUrls(builder.WebHost).Should().BeNull();
    }
}
