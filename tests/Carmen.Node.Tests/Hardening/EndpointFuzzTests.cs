using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Carmen.Testing.Node;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Carmen.Node.Tests.Hardening;

/// <summary>
/// Every route the node maps (read from its endpoint data source, so a new route is fuzzed without being listed here)
/// gets random and mutated bodies and query strings from a fixed seed, as a platform administrator and, for DDI, as
/// the device: none may answer a server error, and the node serves on afterwards.
/// </summary>
public sealed class EndpointFuzzTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    private const int Seed = 20_261_206;
    private const int BodiesPerRoute = 8;
    private const int QueriesPerRoute = 4;

    [Fact]
    public async Task NoRouteAnswersAServerErrorToRandomOrMutatedInput()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        string deviceToken = (await admin.CreateDeviceAsync(tenant, "d1"))["accessToken"]!.GetValue<string>();
        string adminToken = admin.Http.DefaultRequestHeaders.Authorization!.Parameter!;
        var fuzz = new JsonFuzz(Seed);
        var failures = new List<string>();
        int sent = 0;
        using HttpClient http = factory.CreateClient();

        foreach ((string method, RoutePattern pattern, Type? contract) in Routes())
        {
            for (int i = 0; i < BodiesPerRoute + QueriesPerRoute; i++)
            {
                string path = Path(pattern, tenant, fuzz) + (i >= BodiesPerRoute ? Query(fuzz) : "");
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                request.Headers.Authorization = path.Contains("/controller/v1/", StringComparison.Ordinal)
                    ? new AuthenticationHeaderValue("TargetToken", deviceToken)
                    : new AuthenticationHeaderValue("Bearer", adminToken);
                string body = i < BodiesPerRoute && method is not ("GET" or "HEAD" or "DELETE") ? fuzz.Body(contract) : "";
                if (body.Length > 0)
                {
                    request.Content = new StringContent(body, Encoding.UTF8, "application/json");
                }

                using HttpResponseMessage response = await http.SendAsync(request);
                sent++;
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{method} {path} {(int)response.StatusCode} with {Shorten(body)}: {Shorten(await response.Content.ReadAsStringAsync())}");
                }
            }
        }

        failures.Should().BeEmpty($"none of {sent} requests may fail the server; {failures.Count} did:\n{string.Join('\n', failures)}");
        sent.Should().BeGreaterThan(1_000, "every mapped route was fuzzed");
        (await http.GetAsync(new Uri("/health/ready", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/d1"))["id"]!.GetValue<string>().Should().Be("d1");
    }

    /// <summary>
    /// Each route and method in a stable order, with the request contract its handler binds from the body (read from the
    /// handler's parameters), so bodies come in the shape the route takes. Suspending the tenant would end the fuzzing early.
    /// </summary>
    private IEnumerable<(string Method, RoutePattern Pattern, Type? Contract)> Routes() =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])
                .Select(method => (method, endpoint.RoutePattern, Contract(endpoint))))
            .Where(route => route.RoutePattern.RawText is string raw && !raw.EndsWith("/suspend", StringComparison.Ordinal))
            .OrderBy(route => route.RoutePattern.RawText, StringComparer.Ordinal).ThenBy(route => route.method, StringComparer.Ordinal);

    private static Type? Contract(RouteEndpoint endpoint) =>
        endpoint.Metadata.GetMetadata<System.Reflection.MethodInfo>()?.GetParameters()
            .Select(parameter => Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType)
            .FirstOrDefault(type => type.Namespace == "Carmen.Api.Contracts" || type == typeof(System.Text.Json.JsonElement));

    private static string Path(RoutePattern pattern, string tenant, JsonFuzz fuzz)
    {
        var path = new StringBuilder();
        foreach (RoutePatternPathSegment segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (RoutePatternPart part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    // A NUL in a path is refused by the server before routing (and by the in-memory client before sending).
                    RoutePatternParameterPart parameter => Uri.EscapeDataString(Value(parameter, tenant, fuzz).Replace('\0', '0')),
                    _ => "",
                });
            }
        }

        return path.ToString();
    }

    /// <summary>Mostly values that reach the handler (the tenant, its device, small ids), sometimes anything at all.</summary>
    private static string Value(RoutePatternParameterPart parameter, string tenant, JsonFuzz fuzz)
    {
        bool numeric = parameter.ParameterPolicies.Any(policy => policy.Content is "long" or "int");
        return fuzz.Next(5) == 0 ? fuzz.QueryValue() : parameter.Name switch
        {
            "tenantId" => tenant,
            "deviceId" or "controllerId" => "d1",
            "targets" => "devices",
            _ when numeric => (fuzz.Next(3) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => fuzz.QueryValue(),
        };
    }

    private static string Query(JsonFuzz fuzz) =>
        "?" + string.Join('&', Enumerable.Range(0, fuzz.Next(4) + 1).Select(_ => $"{fuzz.Name()}={fuzz.QueryValue()}"));

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
