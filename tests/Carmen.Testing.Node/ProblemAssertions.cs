using System.Net;
using System.Text.Json.Nodes;

namespace Carmen.Testing.Node;

public static class ProblemAssertions
{
    /// <summary>Asserts an RFC 7807 answer with <paramref name="status"/> and, when given, <paramref name="field"/> named in errors.</summary>
    public static async Task<JsonObject> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string? field = null)
    {
        string body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", body);
        JsonObject problem = JsonNode.Parse(body)!.AsObject();
        problem["status"]!.GetValue<int>().Should().Be((int)status);
        if (field is not null)
        {
            problem["errors"]?.AsObject().ContainsKey(field).Should().BeTrue($"the problem should name field '{field}': {body}");
            problem["field"]?.GetValue<string>().Should().Be(field, body);
        }

        return problem;
    }
}
