using System.Text.Json;

namespace Carmen.Api.Errors;

/// <summary>
/// Validation problems name fields as clients write them: ASP.NET Core's validation reports C# member names
/// ("Name"), the JSON says "name". The first field is also put in a <c>field</c> extension, as Carmen's own errors do.
/// </summary>
public static class ProblemDetailsFields
{
    public static void UseJsonNames(ProblemDetailsContext context)
    {
        if (context.ProblemDetails is not HttpValidationProblemDetails validation || validation.Errors.Count == 0)
        {
            return;
        }

        var renamed = validation.Errors.ToDictionary(error => ToJsonPath(error.Key), error => error.Value, StringComparer.Ordinal);
        validation.Errors.Clear();
        foreach ((string field, string[] messages) in renamed)
        {
            validation.Errors[field] = messages;
        }

        validation.Extensions.TryAdd("field", renamed.Keys.First());
        validation.Detail ??= renamed.Values.First().FirstOrDefault();
    }

    /// <summary>"Limits.MaxDevices" becomes "limits.maxDevices"; names that are not C# members ("line 3") are kept.</summary>
    private static string ToJsonPath(string key) =>
        string.Join('.', key.Split('.').Select(part => part.Length > 0 && char.IsUpper(part[0]) && !part.Contains(' ', StringComparison.Ordinal)
            ? JsonNamingPolicy.CamelCase.ConvertName(part)
            : part));
}
