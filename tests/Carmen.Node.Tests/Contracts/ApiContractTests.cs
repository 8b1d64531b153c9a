using System.Reflection;
using System.Text.Json.Nodes;
using Carmen.Testing.Node;
using Carmen.Grains.Interfaces.Devices;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Carmen.Node.Tests.Contracts;

/// <summary>
/// The public API answers in its own types: a grain message that leaks into a response makes every change to the
/// grain a change to the API, and a resource read back no longer has the shape it was written in.
/// </summary>
public sealed class ApiContractTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    private static readonly Assembly s_grainMessages = typeof(IDeviceGrain).Assembly;
    private static readonly Assembly s_api = typeof(Carmen.Api.Contracts.TenantResponse).Assembly;

    [Fact]
    public void NoEndpointAnswersWithAGrainType()
    {
        List<string> leaks = [];
        foreach (RouteEndpoint endpoint in Endpoints())
        {
            foreach (Type type in ResponseTypes(endpoint))
            {
                foreach (Type leaked in GrainTypesIn(type, []))
                {
                    leaks.Add($"{endpoint.DisplayName ?? endpoint.RoutePattern.RawText}: {leaked.FullName}");
                }
            }
        }

        string.Join(Environment.NewLine, leaks.Distinct()).Should().BeEmpty("responses are Carmen.Api contract types, never grain messages");
    }

    [Fact]
    public void EveryHandlerDeclaresWhatItAnswers()
    {
        // The walk above sees a handler's declared result; an untyped IResult would hide what it writes. Three kinds may
        // answer untyped: DDI, whose documents are hawkBit's, file downloads, which say they send bytes, and pages, which say they send HTML.
        IEnumerable<string?> untyped = Endpoints()
            .Where(endpoint => ResponseTypes(endpoint).Any(type => type == typeof(IResult) || type == typeof(object)))
            .Where(endpoint => endpoint.Metadata.GetMetadata<MethodInfo>()!.DeclaringType!.Namespace != "Carmen.Api.Ddi")
            .Where(endpoint => !endpoint.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>()
                .Any(produces => produces.ContentTypes.Contains("application/octet-stream") || produces.ContentTypes.Contains("text/html")))
            .Select(endpoint => endpoint.DisplayName);

        string.Join(Environment.NewLine, untyped).Should().BeEmpty("every handler declares what it answers");
    }

    [Theory]
    [InlineData("/api/v1/tenants/{tenantId}/devices/{deviceId}", "get", "400 401 403 404", "409")]
    [InlineData("/api/v1/tenants/{tenantId}/devices/{deviceId}", "patch", "400 401 403 404 409", "429")]
    [InlineData("/api/v1/tenants", "post", "400 401 403 409", "404")]
    [InlineData("/api/v1/auth/token", "post", "400 409 429", "401 403")]
    public async Task OpenApiListsTheProblemResponses(string path, string method, string listed, string absent)
    {
        using HttpClient http = factory.CreateClient();

        JsonNode document = JsonNode.Parse(await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)))!;

        JsonObject responses = document["paths"]![path]![method]!["responses"]!.AsObject();
        responses.Select(response => response.Key).Should().Contain(listed.Split(' '));
        responses.Select(response => response.Key).Should().NotContain(absent.Split(' '));
        responses["400"]!["content"]!.AsObject().Select(content => content.Key).Should().Contain("application/problem+json");
    }

    private IEnumerable<RouteEndpoint> Endpoints() =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.Metadata.GetMetadata<MethodInfo>()?.DeclaringType?.Assembly == s_api);

    private static IEnumerable<Type> ResponseTypes(RouteEndpoint endpoint)
    {
        Type returned = endpoint.Metadata.GetMetadata<MethodInfo>()!.ReturnType;
        yield return returned.IsGenericType && returned.GetGenericTypeDefinition() == typeof(Task<>) ? returned.GetGenericArguments()[0] : returned;
        foreach (IProducesResponseTypeMetadata produces in endpoint.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>())
        {
            if (produces.Type is not null)
            {
                yield return produces.Type;
            }
        }
    }

    private static IEnumerable<Type> GrainTypesIn(Type type, HashSet<Type> seen)
    {
        if (!seen.Add(type))
        {
            yield break;
        }

        // Enums are the one shared vocabulary: written by name, so their members are the API's words as well.
        if (type.Assembly == s_grainMessages && !type.IsEnum)
        {
            yield return type;
            yield break;
        }

        IEnumerable<Type> parts = type.IsArray ? [type.GetElementType()!] : type.GetGenericArguments();
        if (type.Assembly == s_api)
        {
            parts = parts.Concat(type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(property => property.PropertyType));
        }

        foreach (Type part in parts)
        {
            foreach (Type leaked in GrainTypesIn(part, seen))
            {
                yield return leaked;
            }
        }
    }
}
