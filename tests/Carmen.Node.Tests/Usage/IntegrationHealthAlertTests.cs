using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Carmen.Api.Usage;
using Carmen.Node.Tests.Access;
using Carmen.Testing.Node;
using Microsoft.Extensions.DependencyInjection;

namespace Carmen.Node.Tests.Usage;

/// <summary>
/// An alert rule on integration health: a key whose calls fail past the rule's threshold raises one alert naming the
/// key and its last failure, a healthy key none, and the alert clears once the key's error rate falls back.
/// </summary>
public sealed class IntegrationHealthAlertTests : IAsyncLifetime
{
    private readonly CarmenApiFactory _factory = new()
    {
        Settings = new Dictionary<string, string> { ["Carmen:Alerts:IntegrationHealthInterval"] = "00:00:00.500" },
    };

    [Fact]
    public async Task AFailingKeyRaisesAnAlertThatClearsWhenItRecovers()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(_factory);
        (string brokenId, HttpClient broken) = await KeyAsync(tenant, "broken");
        (_, HttpClient fine) = await KeyAsync(tenant, "fine");
        await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/alert-rules"), new
        {
            name = "Integration failing",
            severity = "major",
            scope = new { type = "tenant" },
            condition = new
            {
                all = new object[]
                {
                    new { @event = "integrationHealth" },
                    new { key = "errorRatePercent", op = "gte", value = 50 },
                    new { key = "calls", op = "gte", value = 4 },
                },
            },
        });

        for (int i = 0; i < 4; i++)
        {
            (await broken.GetAsync(new Uri(tenant.Path("/devices/no-such-device"), UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.NotFound);
            (await fine.GetAsync(new Uri(tenant.Path("/devices"), UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        await FlushAsync();
        string raisedId = (await tenant.Admin.GetEventuallyAsync(tenant.Path("/alerts?state=activeUnacknowledged"), page => page["total"]!.GetValue<int>() >= 1))["items"]![0]!["id"]!.GetValue<string>();
        JsonObject raised = await tenant.Admin.GetAsync(tenant.Path($"/alerts/{raisedId}"));
        for (int i = 0; i < 8; i++)
        {
            (await broken.GetAsync(new Uri(tenant.Path("/devices"), UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        await FlushAsync();
        JsonObject cleared = await tenant.Admin.GetEventuallyAsync(tenant.Path($"/alerts/{raisedId}"), alert => alert["state"]!.GetValue<string>() != "activeUnacknowledged");
        JsonObject all = await tenant.Admin.GetAsync(tenant.Path("/alerts"));

        (raised["ruleName"]!.GetValue<string>(), raised["event"]!.GetValue<string>()).Should().Be(("Integration failing", "integrationHealth"));
        JsonNode details = raised["details"]!;
        details["keyId"]!["value"]!.GetValue<string>().Should().Be(brokenId, "the alert names the failing key, not the healthy one");
        details["errorRatePercent"]!["value"]!.GetValue<double>().Should().Be(100);
        details["calls"]!["value"]!.GetValue<double>().Should().Be(4);
        details["lastError"]!["value"]!.GetValue<string>().Should().StartWith("404 GET ").And.Contain("no-such-device");
        (cleared["state"]!.GetValue<string>(), cleared["clearedBy"]!.GetValue<string>()).Should().Be(("clearedUnacknowledged", "rule"), "4 failures in 12 calls is under 50 %");
        all["total"]!.GetValue<int>().Should().Be(1, "one alert for the pair of rule and key, however many evaluations it stayed met");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private Task FlushAsync() => _factory.Services.GetRequiredService<ApiUsageFlusher>().FlushAsync(CancellationToken.None);

    private async Task<(string Id, HttpClient Http)> KeyAsync(ScopedTenant tenant, string name)
    {
        string account = (await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/service-accounts"), new { name }))["id"]!.GetValue<string>();
        await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/role-assignments"), new { serviceAccountId = account, role = "viewer", scope = ScopedTenant.Tenant });
        JsonObject key = await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path($"/service-accounts/{account}/keys"), new { name });
        HttpClient http = _factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key["key"]!.GetValue<string>());
        return (key["id"]!.GetValue<string>(), http);
    }
}
