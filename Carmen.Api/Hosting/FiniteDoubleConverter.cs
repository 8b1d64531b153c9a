using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Api.Hosting;

/// <summary>
/// Doubles in requests and responses. JSON allows numbers no double holds (<c>1e400</c>), which System.Text.Json reads
/// as infinity; they are refused, naming the field, as NaN literals already are. Numbers in strings stay accepted
/// (the web defaults allow them). A non-finite value that reaches a response is written as null rather than breaking it.
/// </summary>
public sealed class FiniteDoubleConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        double value = reader.TokenType switch
        {
            JsonTokenType.Number => reader.GetDouble(),
            JsonTokenType.String when double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) => parsed,
            _ => throw new JsonException("A number is expected."),
        };
        return double.IsFinite(value) ? value : throw new JsonException($"The number is {JsonNumbers.OutOfRange}.");
    }

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        if (double.IsFinite(value))
        {
            writer.WriteNumberValue(value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
