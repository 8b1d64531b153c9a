using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Carmen.Api.Hosting;

/// <summary>
/// Every string a request carries (names, descriptions, addresses, ids): at most <see cref="MaxLength"/> characters,
/// without control characters other than tab and line breaks, and without the bidirectional overrides that make text
/// read differently from what it is. Refused when read, so the problem names the field; JSON kept as JSON (attribute
/// values, RPC parameters, conditions) is not a string here and keeps what the device or operator sent.
/// </summary>
public sealed class SafeStringConverter : JsonConverter<string>
{
    /// <summary>Longer strings are refused; the specific limits of each field (names, addresses) are tighter.</summary>
    public const int MaxLength = 64 * 1024;

    private static readonly SearchValues<char> s_refused = SearchValues.Create(
        [.. Enumerable.Range(0, 32).Where(c => c is not ('\t' or '\n' or '\r')).Select(c => (char)c), '\u007F',
         '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']);

    public override bool HandleNull => false;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? Checked(reader.GetString()!) : throw new JsonException("A string is expected.");

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    /// <summary>Keys of the dictionaries requests carry (settings, configData) are held to the same rules.</summary>
    public override string ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => Checked(reader.GetString()!);

    public override void WriteAsPropertyName(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WritePropertyName(value);

    private static string Checked(string text)
    {
        if (text.Length > MaxLength)
        {
            throw new JsonException($"A string of at most {MaxLength} characters is expected.");
        }

        return text.AsSpan().ContainsAny(s_refused)
            ? throw new JsonException("Control characters and bidirectional overrides are not taken in text.")
            : text;
    }
}
