using System.Buffers;
using System.Globalization;
using Carmen.Api.Updates;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Updates;
using Microsoft.Win32.SafeHandles;

namespace Carmen.Silo.Mqtt.DeviceApi;

/// <summary>
/// Chunks of a device's firmware for ThingsBoard's download over MQTT, read straight from the artifact store at the
/// chunk's offset: a device fetching 10 MB in 64 KiB chunks costs one grain call and one positioned read per chunk.
/// </summary>
internal sealed class FirmwareChunks(IArtifactStore store)
{
    /// <summary>The largest chunk served; a device asking for more (or for no size) gets this much.</summary>
    public const int MaxChunkBytes = 256 * 1024;

    public async Task<byte[]> ReadAsync(IDeviceEndpoint device, int chunk, ReadOnlySequence<byte> payload)
    {
        int size = ChunkSize(payload);
        ArtifactInfo artifact = await device.Grain.AsReference<IUpdatableDeviceGrain>().GetFirmwareAsync()
            ?? throw CarmenException.NotFound($"Device '{device.Device.DeviceId}' has no firmware to fetch now.");
        string path = store.Locate(artifact.Sha256) ?? throw CarmenException.NotFound($"The firmware '{artifact.FileName}' is missing from the artifact store.");
        long offset = (long)chunk * size;
        if (offset >= artifact.Size)
        {
            return [];
        }

        byte[] bytes = new byte[(int)Math.Min(size, artifact.Size - offset)];
        using SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read, FileOptions.Asynchronous);
        int read = 0;
        while (read < bytes.Length)
        {
            int got = await RandomAccess.ReadAsync(file, bytes.AsMemory(read), offset + read);
            read += got > 0 ? got : throw new IOException($"The firmware file ended before its recorded size of {artifact.Size} bytes.");
        }

        return bytes;
    }

    /// <summary>The chunk size the device asks for (ASCII digits; none or 0 means as much as is served).</summary>
    private static int ChunkSize(ReadOnlySequence<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return MaxChunkBytes;
        }

        string text = System.Text.Encoding.ASCII.GetString(payload.Length > 16 ? throw Malformed() : payload.ToArray()).Trim();
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int size)
            ? (size is 0 or > MaxChunkBytes ? MaxChunkBytes : size)
            : throw Malformed();
    }

    private static FormatException Malformed() => new("A firmware chunk request carries the chunk size in bytes, as digits.");
}
