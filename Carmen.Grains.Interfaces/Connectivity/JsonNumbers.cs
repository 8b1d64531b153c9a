using System.Text.Json;

namespace Carmen.Grains.Interfaces.Connectivity;

/// <summary>
/// JSON allows numbers no double holds (<c>1e400</c>); System.Text.Json reads them as infinity, which then breaks every
/// sum, comparison and JSON writer downstream. Every entry of values from outside checks them here.
/// </summary>
public static class JsonNumbers
{
    /// <summary>How every refusal of such a number says what is wrong with it.</summary>
    public const string OutOfRange = "outside the range of a double (about ±1.8e308)";

    /// <summary>The number as a finite double; a <see cref="FormatException"/> when it overflows one.</summary>
    public static double Finite(JsonElement number)
    {
        double value = number.GetDouble();
        return double.IsFinite(value)
            ? value
            : throw new FormatException($"The number {Shorten(number.GetRawText())} is {OutOfRange}.");
    }

    /// <summary>
    /// The JSON path of the first number in <paramref name="element"/> that overflows a double, or null when all are
    /// finite. The walk is as deep as the document, which every parser here bounds (<see cref="InputLimits.MaxJsonDepth"/>).
    /// </summary>
    public static string? FirstNonFinite(JsonElement element, string path = "")
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Number:
                return double.IsFinite(element.GetDouble()) ? null : path;
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    if (FirstNonFinite(property.Value, path.Length == 0 ? property.Name : $"{path}.{property.Name}") is string found)
                    {
                        return found;
                    }
                }

                return null;
            case JsonValueKind.Array:
                int index = 0;
                foreach (JsonElement item in element.EnumerateArray())
                {
                    if (FirstNonFinite(item, $"{path}[{index++}]") is string found)
                    {
                        return found;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private static string Shorten(string text) => text.Length <= 32 ? text : text[..32] + "…";
}
