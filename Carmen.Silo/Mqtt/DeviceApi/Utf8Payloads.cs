using System.Buffers;
using System.Text.Unicode;

namespace Carmen.Silo.Mqtt.DeviceApi;

/// <summary>
/// Every payload of the device API is JSON, so UTF-8. System.Text.Json checks a document's structure but decodes
/// strings only when read, so invalid UTF-8 would fail deep in a handler; it is refused up front instead.
/// </summary>
internal static class Utf8Payloads
{
    public static bool IsValid(ReadOnlySequence<byte> payload)
    {
        if (payload.IsSingleSegment)
        {
            return Utf8.IsValid(payload.FirstSpan);
        }

        // A character may straddle segments: validate a contiguous copy (rare: large payloads over a slow link).
        byte[] copy = ArrayPool<byte>.Shared.Rent((int)payload.Length);
        try
        {
            payload.CopyTo(copy);
            return Utf8.IsValid(copy.AsSpan(0, (int)payload.Length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }
}
