using System.Text.Json;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Audit;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace Carmen.Api.Errors;

/// <summary>
/// Turns domain errors and unreadable request bodies into RFC 7807 problem details naming the field at fault
/// (in <c>errors</c>, as ASP.NET Core's validation problems do, and in a <c>field</c> extension).
/// </summary>
public sealed class CarmenExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ProblemDetails? problem = exception switch
        {
            CarmenException domain => Problem(domain),
            BadHttpRequestException { InnerException: JsonException json } => Problem(Describe(json)),
            BadHttpRequestException bad => Problem(bad.StatusCode, bad.Message, null),
            AuditUnavailableException => Problem(StatusCodes.Status503ServiceUnavailable,
                "The audit trail cannot be written, and this node refuses changes it cannot record (Carmen:Audit:FailClosed); retry shortly.", null),
            SiloUnavailableException or OrleansMessageRejectionException or TimeoutException =>
                Problem(StatusCodes.Status503ServiceUnavailable, "Part of the cluster is unavailable or recovering; retry shortly.", null),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            // Failure detection declares a crashed silo dead within seconds; its grains then answer from another silo.
            RetryAfter.Set(httpContext.Response, TimeSpan.FromSeconds(5));
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Problem(CarmenException domain)
    {
        ProblemDetails problem = Problem(ErrorStatus.Of(domain.Kind), domain.Message, domain.Field);
        if (domain.Entitlement is string entitlement)
        {
            problem.Extensions["entitlement"] = entitlement; // what a license would have to grant
        }

        return problem;
    }

    public static ProblemDetails Problem(int status, string detail, string? field)
    {
        ProblemDetails problem = field is null
            ? new ProblemDetails()
            : new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [detail] });
        problem.Status = status;
        problem.Detail = detail;
        if (field is not null)
        {
            problem.Extensions["field"] = field;
        }

        return problem;
    }

    /// <summary>A body that does not parse, or a member of the wrong JSON type; "$.labels[2]" is reported as field "labels[2]".</summary>
    public static CarmenException Describe(JsonException json)
    {
        string field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
        string detail = json.Message.StartsWith("Duplicate property", StringComparison.Ordinal)
            ? $"A JSON object in '{field}' names a member more than once: {json.Message}"
            : field == "body"
            ? $"The request body is not valid JSON (line {json.LineNumber + 1}, byte {json.BytePositionInLine + 1})."
            : json.Message.Contains(" Path: ", StringComparison.Ordinal) || json.Message.Length == 0
            ? $"'{field}' is malformed or of the wrong JSON type."
            : $"'{field}': {json.Message}"; // Carmen's own converters say what is wrong (a number too large, a control character)
        return CarmenException.Invalid(field, detail);
    }
}
