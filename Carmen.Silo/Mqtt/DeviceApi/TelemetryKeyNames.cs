using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Carmen.Silo.Mqtt.DeviceApi;

/// <summary>
/// Telemetry key names as read from payloads, shared across messages: a fleet sends the same few keys millions of
/// times, and reading a name from JSON makes a new string each time. The first <see cref="MaxKept"/> distinct names
/// a silo meets are kept; past that (a tenant inventing keys), names are read as before, so memory stays bounded.
/// </summary>
internal static class TelemetryKeyNames
{
    private const int MaxKept = 4096;

    /// <summary>Longer names (in UTF-8 bytes) are read as before; no real key is this long.</summary>
    private const int MaxLookupBytes = 256;

    private static readonly ConcurrentDictionary<string, string> s_kept = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> s_byChars = s_kept.GetAlternateLookup<ReadOnlySpan<char>>();
    private static int s_keptCount;

    /// <summary>The property's name, as a kept string when it is one.</summary>
    public static string Of(JsonProperty property)
    {
        ReadOnlySpan<byte> raw = JsonMarshal.GetRawUtf8PropertyName(property);
        if (raw.Length > MaxLookupBytes || raw.Contains((byte)'\\'))
        {
            return property.Name; // escaped names are unescaped by the reader, not here
        }

        Span<char> chars = stackalloc char[raw.Length];
        if (!Encoding.UTF8.TryGetChars(raw, chars, out int length))
        {
            return property.Name;
        }

        if (s_byChars.TryGetValue(chars[..length], out string? kept))
        {
            return kept;
        }

        string name = new(chars[..length]);
        if (Volatile.Read(ref s_keptCount) < MaxKept && s_kept.TryAdd(name, name))
        {
            Interlocked.Increment(ref s_keptCount);
        }

        return name;
    }
}
