using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Silo.Storage.Sql;

/// <summary>
/// An opaque continuation token: the sort key and device id of the last row of a page, so the next page is a
/// keyset seek (stable and as fast on page 10,000 as on page 1) rather than an OFFSET scan.
/// </summary>
internal sealed record DeviceCursor(
    [property: JsonPropertyName("s")] DeviceSortField Sort,
    [property: JsonPropertyName("d")] bool Descending,
    [property: JsonPropertyName("t")] string? Text,
    [property: JsonPropertyName("n")] long Number,
    [property: JsonPropertyName("i")] string DeviceId)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(this, DeviceCursorJsonContext.Default.DeviceCursor));

    public static DeviceCursor Decode(string token, DeviceQuery query)
    {
        DeviceCursor? cursor;
        try
        {
            cursor = JsonSerializer.Deserialize(Base64Url.DecodeFromChars(token), DeviceCursorJsonContext.Default.DeviceCursor);
        }
        catch (Exception invalid) when (invalid is FormatException or JsonException)
        {
            cursor = null;
        }

        return cursor is not null && cursor.Sort == query.Sort && cursor.Descending == query.Descending
            ? cursor
            : throw CarmenException.Invalid("continuationToken", "The continuation token is not valid for this listing; start again without it.");
    }
}

[JsonSerializable(typeof(DeviceCursor))]
internal sealed partial class DeviceCursorJsonContext : JsonSerializerContext;
