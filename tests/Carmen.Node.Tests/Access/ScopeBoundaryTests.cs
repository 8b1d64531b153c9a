using System.Net;
using Carmen.Node.Tests.Rollouts;
using Carmen.Testing.Node;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Carmen.Node.Tests.Access;

/// <summary>
/// A principal bound to one cluster finds nothing outside it: every tenant route that names a device, cluster,
/// business unit or rollout (read from the endpoint data source, so a new route is covered without being listed here)
/// answers 404 for one outside the principal's scope, whatever the method, and changes nothing.
/// </summary>
public sealed class ScopeBoundaryTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    private static readonly string[] s_resourceParameters = ["deviceId", "clusterId", "businessUnitId", "rolloutId"];

    [Fact]
    public async Task EveryResourceRouteAnswersNotFoundOutsideTheCallersClusters()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        long setId = await RolloutSetup.CreateSetAsync(tenant.Admin, tenant.Id, "2.0.0");
        long outsideRollout = (await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/rollouts"), new
        {
            name = "Elsewhere", distributionSetId = setId, targetFilter = new { clusterId = "c3" }, groups = new object[] { new { percentage = 100 } },
        }))["id"]!.GetValue<long>();
        using CarmenClient ops = await tenant.MemberAsync(factory, "ops", "tenantAdmin", ScopedTenant.Cluster("c1"));
        var routes = Routes().ToList();
        var leaks = new List<string>();

        foreach ((string method, RoutePattern pattern) in routes)
        {
            string path = Fill(pattern, tenant.Id, outsideRollout);
            HttpResponseMessage response = await ops.SendAsync(new HttpMethod(method), path, method is "POST" or "PUT" or "PATCH" ? new { } : null);
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                leaks.Add($"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }

        leaks.Should().BeEmpty($"every one of {routes.Count} routes must hide what lies outside the caller's cluster");
        routes.Count.Should().BeGreaterThan(30, "every route naming a device, cluster, business unit or rollout was tried");
        (await tenant.Admin.GetAsync(tenant.Path("/devices/d3")))["name"]!.GetValue<string>().Should().Be("Device d3");
        (await tenant.Admin.GetAsync(tenant.Path($"/rollouts/{outsideRollout}")))["name"]!.GetValue<string>().Should().Be("Elsewhere");
        (await tenant.Admin.GetAsync(tenant.Path("/business-units/bu2/clusters/c3")))["name"]!.GetValue<string>().Should().Be("Cluster three");
    }

    private IEnumerable<(string Method, RoutePattern Pattern)> Routes() =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText?.StartsWith("/api/v1/tenants/{tenantId}", StringComparison.Ordinal) == true
                && endpoint.RoutePattern.Parameters.Any(parameter => s_resourceParameters.Contains(parameter.Name)))
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(method => (method, endpoint.RoutePattern)))
            .OrderBy(route => route.RoutePattern.RawText, StringComparer.Ordinal).ThenBy(route => route.method, StringComparer.Ordinal);

    private static string Fill(RoutePattern pattern, string tenant, long rolloutId) =>
        "/" + string.Join('/', pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart { Name: "tenantId" } => tenant,
            RoutePatternParameterPart { Name: "deviceId" } => "d3",
            RoutePatternParameterPart { Name: "clusterId" } => "c3",
            RoutePatternParameterPart { Name: "businessUnitId" } => "bu2",
            RoutePatternParameterPart { Name: "rolloutId" } => rolloutId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            RoutePatternParameterPart => "1",
            _ => "",
        }))));
}
