using System.Net;
using System.Text.Json.Nodes;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Hosting;

public sealed class OperabilityTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task HealthProbesNeedNoToken(string path)
    {
        using HttpClient http = factory.CreateClient();

        HttpResponseMessage response = await http.GetAsync(new Uri(path, UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task OpenApiDocumentDescribesTheResources()
    {
        using HttpClient http = factory.CreateClient();

        JsonObject document = JsonNode.Parse(await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!.AsObject();

        document["paths"]!.AsObject().Select(path => path.Key).Should().Contain(
        [
            "/api/v1/auth/token",
            "/api/v1/tenants",
            "/api/v1/tenants/{tenantId}/devices",
            "/api/v1/tenants/{tenantId}/devices/bulk",
            "/api/v1/tenants/{tenantId}/business-units/{businessUnitId}/clusters",
        ]);
        JsonObject tenantRequest = document["components"]!["schemas"]!["CreateTenantRequest"]!["properties"]!.AsObject();
        tenantRequest["name"]!["type"]!.ToJsonString().Should().Contain("string", "strings pass through Carmen's own converter and stay strings in the document");
        JsonObject groupContract = document["components"]!["schemas"]!["RolloutGroupContract"]!["properties"]!.AsObject();
        groupContract["percentage"]!["type"]!.ToJsonString().Should().Contain("number");
    }

    [Fact]
    public async Task ApiReferencePageIsServed()
    {
        using HttpClient http = factory.CreateClient();

        HttpResponseMessage page = await http.GetAsync(new Uri("/docs", UriKind.Relative));

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).Should().Contain("openapi/v1.json");
    }

    [Fact]
    public async Task MetricsEndpointExportsCarmenAndOrleansMeters()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        await admin.CreateDeviceAsync(tenant, "d1");
        using HttpClient scraper = factory.CreateMetricsClient();
        using HttpClient api = factory.CreateClient();

        string metrics = await scraper.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        HttpResponseMessage onTheApiPort = await api.GetAsync(new Uri("/metrics", UriKind.Relative));
        HttpResponseMessage apiOnTheMetricsPort = await scraper.GetAsync(new Uri("/api/v1/tenants", UriKind.Relative));

        metrics.Should().Contain("carmen_devices_registered").And.Contain("carmen_auth_sign_ins").And.Contain("orleans_").And.Contain("carmen_telemetry_queue_length").And.Contain("dotnet_gc_");
        onTheApiPort.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound, "tenant and device labels are never served where the API is");
        apiOnTheMetricsPort.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound, "the metrics listener serves nothing else");
    }
}
