using System.Buffers;
using System.Text.Json;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Silo.Mqtt.DeviceApi;

/// <summary>
/// The payloads of ThingsBoard's device API. Parsing fails with a <see cref="FormatException"/> whose message says
/// what is wrong, which is what the device's diagnostics and an MQTT 5 reason string show.
/// </summary>
internal static class ThingsBoardPayloads
{
    private const int MaxKeyLength = InputLimits.MaxKeyLength;
    private const int KeptPointCapacity = 1024;

    [ThreadStatic]
    private static List<TelemetryPoint>? s_points;

    /// <summary>
    /// Telemetry: <c>{"k":v,...}</c> (measured now), <c>{"ts":ms,"values":{...}}</c>, or an array of either (a backlog flush).
    /// </summary>
    public static TelemetryPoint[] ParseTelemetry(ReadOnlySequence<byte> payload, long receivedAt)
    {
        using JsonDocument document = Parse(payload);
        return ParseTelemetry(document.RootElement, receivedAt, "");
    }

    /// <summary>Telemetry in any of its forms, at <paramref name="path"/> of a larger payload (a gateway's, per child).</summary>
    public static TelemetryPoint[] ParseTelemetry(JsonElement root, long receivedAt, string path)
    {
        // One list per thread, reused: the result is an array of exactly the points, and nothing else is left behind.
        List<TelemetryPoint> points = s_points ??= new List<TelemetryPoint>(16);
        points.Clear();
        if (root.ValueKind == JsonValueKind.Array)
        {
            int index = 0;
            foreach (JsonElement entry in root.EnumerateArray())
            {
                AddEntry(entry, receivedAt, points, $"{path}[{index++}]");
            }
        }
        else
        {
            AddEntry(root, receivedAt, points, path);
        }

        TelemetryPoint[] parsed = [.. points];
        points.Clear();
        if (points.Capacity > KeptPointCapacity)
        {
            s_points = null; // a backlog flush's list is not kept for the thread's next message
        }

        return parsed;
    }

    /// <summary>Client attributes: a flat object of keys to JSON values (objects and arrays kept as JSON).</summary>
    public static Dictionary<string, string> ParseAttributes(ReadOnlySequence<byte> payload)
    {
        using JsonDocument document = Parse(payload);
        return ParseAttributes(document.RootElement, "");
    }

    /// <summary>Client attributes at <paramref name="path"/> of a larger payload (a gateway's, per child).</summary>
    public static Dictionary<string, string> ParseAttributes(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"Attributes{path} are a JSON object of keys to values.");
        }

        var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty property in root.EnumerateObject())
        {
            RequireKey(property.Name, path);
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                throw new FormatException($"Attribute '{property.Name}' is null; attributes take a number, boolean, string or JSON value.");
            }

            if (JsonNumbers.FirstNonFinite(property.Value, property.Name) is string overflowing)
            {
                throw new FormatException($"Attribute '{overflowing}' is a number {JsonNumbers.OutOfRange}.");
            }

            attributes[property.Name] = property.Value.GetRawText();
        }

        return attributes;
    }

    /// <summary>An attribute request: <c>{"clientKeys":"a,b","sharedKeys":"c"}</c>; a missing list means every key of that scope.</summary>
    public static (IReadOnlyList<string>? ClientKeys, IReadOnlyList<string>? SharedKeys) ParseAttributeRequest(ReadOnlySequence<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return (null, null);
        }

        using JsonDocument document = Parse(payload);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("An attribute request is a JSON object with optional \"clientKeys\" and \"sharedKeys\" strings.");
        }

        return (Keys(document.RootElement, "clientKeys"), Keys(document.RootElement, "sharedKeys"));
    }

    /// <summary>A claiming offer: <c>{"secretKey":"...","durationMs":60000}</c>, both optional (no secret, the platform's duration).</summary>
    public static (string SecretKey, TimeSpan? Duration) ParseClaim(ReadOnlySequence<byte> payload)
    {
        if (payload.IsEmpty)
        {
            return ("", null);
        }

        using JsonDocument document = Parse(payload);
        return ParseClaim(document.RootElement, "");
    }

    /// <summary>A claiming offer at <paramref name="path"/> of a larger payload (a gateway's, per child).</summary>
    public static (string SecretKey, TimeSpan? Duration) ParseClaim(JsonElement root, string path)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"A claiming offer{path} is {{\"secretKey\":\"...\",\"durationMs\":60000}}.");
        }

        string secret = !root.TryGetProperty("secretKey", out JsonElement key) || key.ValueKind == JsonValueKind.Null ? ""
            : key.ValueKind == JsonValueKind.String ? key.GetString()!
            : throw new FormatException($"secretKey{path} is a string.");
        TimeSpan? duration = !root.TryGetProperty("durationMs", out JsonElement ms) || ms.ValueKind == JsonValueKind.Null ? null
            : ms.ValueKind == JsonValueKind.Number && ms.TryGetInt64(out long millis) && millis >= 0 ? TimeSpan.FromMilliseconds(millis)
            : throw new FormatException($"durationMs{path} is a whole number of milliseconds.");
        return (secret, duration);
    }

    /// <summary>The request id in an RPC topic: ThingsBoard's ids are integers.</summary>
    public static int ParseRpcId(string id) =>
        int.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new FormatException($"RPC request ids are integers; '{id}' is not.");

    /// <summary>A device's answer to an RPC: any JSON value, kept as its text.</summary>
    public static string ParseRpcResponse(ReadOnlySequence<byte> payload)
    {
        using JsonDocument document = Parse(payload);
        return document.RootElement.GetRawText();
    }

    /// <summary>A client-side RPC: <c>{"method":"getCurrentTime","params":{}}</c>.</summary>
    public static (string Method, string ParamsJson) ParseClientRpc(ReadOnlySequence<byte> payload)
    {
        using JsonDocument document = Parse(payload);
        JsonElement root = document.RootElement;
        return root.ValueKind == JsonValueKind.Object
            && root.TryGetProperty("method", out JsonElement method) && method.ValueKind == JsonValueKind.String && method.GetString()!.Length > 0
            ? (method.GetString()!, root.TryGetProperty("params", out JsonElement parameters) ? parameters.GetRawText() : "{}")
            : throw new FormatException("An RPC request is {\"method\":\"...\",\"params\":{...}} with a non-empty method.");
    }

    /// <summary>The answer to an attribute request: <c>{"client":{...},"shared":{...}}</c>, each present when asked for.</summary>
    public static byte[] AttributeResponse(AttributeSnapshot attributes) => Json(json =>
    {
        json.WriteStartObject();
        WriteObject(json, "client", attributes.Client);
        WriteObject(json, "shared", attributes.Shared);
        json.WriteEndObject();
    });

    /// <summary>A JSON payload written by <paramref name="write"/>.</summary>
    public static byte[] Json(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            write(json);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void AddEntry(JsonElement entry, long receivedAt, List<TelemetryPoint> points, string path)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"Telemetry{path} is a JSON object.");
        }

        if (entry.TryGetProperty("ts", out JsonElement ts) && entry.TryGetProperty("values", out JsonElement values))
        {
            if (ts.ValueKind != JsonValueKind.Number || !ts.TryGetInt64(out long timestamp) || timestamp is < 0 or > UnixTimes.MaxMilliseconds)
            {
                throw new FormatException($"Telemetry{path}.ts is a Unix time in milliseconds.");
            }

            if (values.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException($"Telemetry{path}.values is a JSON object of keys to values.");
            }

            AddValues(values, timestamp, points, $"{path}.values");
            return;
        }

        AddValues(entry, receivedAt, points, path);
    }

    private static void AddValues(JsonElement values, long timestamp, List<TelemetryPoint> points, string path)
    {
        foreach (JsonProperty property in values.EnumerateObject())
        {
            string key = TelemetryKeyNames.Of(property);
            RequireKey(key, path);
            if (property.Value.ValueKind == JsonValueKind.Null)
            {
                throw new FormatException($"Telemetry{path}.{key} is null; values are numbers, booleans, strings or JSON.");
            }

            TelemetryValue value;
            try
            {
                value = TelemetryValue.From(property.Value);
            }
            catch (FormatException overflow)
            {
                throw new FormatException($"Telemetry{path}.{key}: {overflow.Message}", overflow); // a number no double holds
            }

            points.Add(new TelemetryPoint(timestamp, key, value));
        }
    }

    private static void RequireKey(string key, string path)
    {
        if (key.Length is 0 or > MaxKeyLength)
        {
            throw new FormatException($"Keys{(path.Length > 0 ? " in " + path.TrimStart('.') : "")} are 1 to {MaxKeyLength} characters.");
        }
    }

    private static List<string>? Keys(JsonElement request, string property) =>
        !request.TryGetProperty(property, out JsonElement keys) ? null
        : keys.ValueKind == JsonValueKind.String
            ? [.. keys.GetString()!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
            : throw new FormatException($"\"{property}\" is a comma-separated string of keys.");

    /// <summary>Writes <paramref name="values"/> (JSON texts) as the object property <paramref name="name"/>.</summary>
    public static void WriteObject(Utf8JsonWriter json, string name, IReadOnlyDictionary<string, string> values)
    {
        json.WriteStartObject(name);
        foreach ((string key, string value) in values)
        {
            json.WritePropertyName(key);
            json.WriteRawValue(value, skipInputValidation: true);
        }

        json.WriteEndObject();
    }

    /// <summary>The payload as a JSON document, bounded in depth; a <see cref="FormatException"/> when it is not JSON.</summary>
    public static JsonDocument Parse(ReadOnlySequence<byte> payload)
    {
        try
        {
            return JsonDocument.Parse(payload, new JsonDocumentOptions { MaxDepth = InputLimits.MaxJsonDepth });
        }
        catch (JsonException invalid)
        {
            throw new FormatException($"The payload is not valid JSON: {invalid.Message}", invalid);
        }
    }
}
