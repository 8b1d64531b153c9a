using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Carmen.Api.Errors;

/// <summary>
/// Declares the problem responses (RFC 7807) each endpoint of a group can give, so the OpenAPI document lists them:
/// 400 for a field at fault, 401 and 403 unless the endpoint is anonymous, 404 when the route names a resource, 409 when
/// it changes one, 429 where sign-in failures are throttled. Derived from the endpoint once all its conventions ran, so
/// an endpoint's own AllowAnonymous or route is what counts.
/// </summary>
public static class ProblemResponses
{
    private static readonly string[] s_problemJson = ["application/problem+json"];

    public static TBuilder WithProblemResponses<TBuilder>(this TBuilder builder, params int[] alsoFor) where TBuilder : IEndpointConventionBuilder
    {
        builder.Finally(endpoint =>
        {
            HashSet<int> declared = [.. endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Select(produces => produces.StatusCode)];
            foreach (int status in StatusesOf(endpoint).Concat(alsoFor).Where(declared.Add))
            {
                endpoint.Metadata.Add(new ProducesResponseTypeMetadata(status, typeof(ProblemDetails), s_problemJson));
            }
        });
        return builder;
    }

    private static IEnumerable<int> StatusesOf(EndpointBuilder endpoint)
    {
        yield return StatusCodes.Status400BadRequest;
        if (!endpoint.Metadata.OfType<IAllowAnonymous>().Any())
        {
            yield return StatusCodes.Status401Unauthorized;
            yield return StatusCodes.Status403Forbidden;
        }

        if (endpoint is RouteEndpointBuilder { RoutePattern.Parameters.Count: > 0 })
        {
            yield return StatusCodes.Status404NotFound;
        }

        bool changes = endpoint.Metadata.OfType<HttpMethodMetadata>()
            .Any(methods => methods.HttpMethods.Any(method => !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method)));
        if (changes)
        {
            yield return StatusCodes.Status409Conflict;
        }
    }
}
