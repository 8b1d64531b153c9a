using System.Text.Json;
using Carmen.Grains.Interfaces;

namespace Carmen.Api.Formats;

/// <summary>Reads enum query parameters by the camelCase names the API writes (e.g. "online", "lastSeenAt", "rollingBack").</summary>
public static class QueryEnums
{
    /// <summary>The value named, null when none is given; an unknown name is a validation error on <paramref name="field"/> listing the names.</summary>
    public static T? Parse<T>(string? value, string field) where T : struct, Enum
    {
        if (value is null)
        {
            return null;
        }

        T? match = Enum.GetValues<T>().Cast<T?>().FirstOrDefault(candidate =>
            string.Equals(JsonNamingPolicy.CamelCase.ConvertName(candidate!.Value.ToString()), value, StringComparison.OrdinalIgnoreCase));
        return match ?? throw CarmenException.Invalid(field, $"{field} is one of: {string.Join(", ", Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName))}.");
    }
}
