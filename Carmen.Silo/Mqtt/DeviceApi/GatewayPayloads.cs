using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Silo.Mqtt.DeviceApi;

/// <summary>
/// The payloads of ThingsBoard's gateway API, each naming the child it is about. Parsing fails with a
/// <see cref="FormatException"/> saying what is wrong, counted against the gateway like any refused message.
/// </summary>
internal static class GatewayPayloads
{
    /// <summary>A connect or disconnect: <c>{"device":"Child A","type":"sensor"}</c> (type optional).</summary>
    public static (string Name, string? Type) ParseConnect(ReadOnlySequence<byte> payload)
    {
        using JsonDocument document = ThingsBoardPayloads.Parse(payload);
        JsonElement root = RequireObject(document.RootElement, "A gateway connect or disconnect is {\"device\":\"name\",\"type\":\"...\"} (type optional).");
        return (ChildName(root, "device"), PayloadFields.OptionalString(root, "type"));
    }

    /// <summary>Telemetry per child: <c>{"Child A":[{"ts":ms,"values":{...}}],"Child B":{...}}</c>.</summary>
    public static List<(string Name, TelemetryPoint[] Points)> ParseTelemetry(ReadOnlySequence<byte> payload, long receivedAt)
    {
        using JsonDocument document = ThingsBoardPayloads.Parse(payload);
        JsonElement root = RequireObject(document.RootElement, "Gateway telemetry is an object of child names to their telemetry.");
        var children = new List<(string, TelemetryPoint[])>();
        foreach (JsonProperty child in root.EnumerateObject())
        {
            string name = ValidName(child.Name);
            children.Add((name, ThingsBoardPayloads.ParseTelemetry(child.Value, receivedAt, Path(name))));
        }

        return children;
    }

    /// <summary>Client attributes per child: <c>{"Child A":{"firmware":"1.2"}}</c>.</summary>
    public static List<(string Name, Dictionary<string, string> Attributes)> ParseAttributes(ReadOnlySequence<byte> payload)
    {
        using JsonDocument document = ThingsBoardPayloads.Parse(payload);
        JsonElement root = RequireObject(document.RootElement, "Gateway attributes are an object of child names to their attributes.");
        var children = new List<(string, Dictionary<string, string>)>();
        foreach (JsonProperty child in root.EnumerateObject())
        {
            string name = ValidName(child.Name);
            children.Add((name, ThingsBoardPayloads.ParseAttributes(child.Value, Path(name))));
        }

        return children;
    }

    /// <summary>Claiming offers per child: <c>{"Child A":{"secretKey":"...","durationMs":60000}}</c>.</summary>
    public static List<(string Name, string SecretKey, TimeSpan? Duration)> ParseClaims(ReadOnlySequence<byte> payload)
    {
        using JsonDocument document = ThingsBoardPayloads.Parse(payload);
        JsonElement root = RequireObject(document.RootElement, "Gateway claiming offers are an object of child names to {\"secretKey\",\"durationMs\"}.");
        var children = new List<(string, string, TimeSpan?)>();
        foreach (JsonProperty child in root.EnumerateObject())
        {
            string name = ValidName(child.Name);
            (string secret, TimeSpan? duration) = ThingsBoardPayloads.ParseClaim(child.Value, Path(name));
            children.Add((name, secret, duration));
        }

        return children;
    }

    /// <summary>An attribute request for one child, in any of ThingsBoard's forms (see <see cref="GatewayAttributeRequest"/>).</summary>
    public static GatewayAttributeRequest ParseAttributeRequest(ReadOnlySequence<byte> payload)
    {
        using JsonDocument document = ThingsBoardPayloads.Parse(payload);
        JsonElement root = RequireObject(document.RootElement, "A gateway attribute request is {\"id\":1,\"device\":\"name\",\"client\":true,\"key\":\"k\"} or with \"keys\", or \"client\" and \"shared\" lists.");
        string idJson = root.TryGetProperty("id", out JsonElement id) && id.ValueKind is JsonValueKind.Number or JsonValueKind.String
            ? id.GetRawText()
            : throw new FormatException("A gateway attribute request has an \"id\" (a number) that its answer echoes.");
        string name = ChildName(root, "device");
        root.TryGetProperty("client", out JsonElement client);
        if (client.ValueKind is JsonValueKind.Array || root.TryGetProperty("shared", out _))
        {
            return new GatewayAttributeRequest(idJson, name, KeyList(root, "client"), KeyList(root, "shared"), GatewayAttributeAnswer.Scopes);
        }

        bool clientScope = client.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False or JsonValueKind.Undefined => false,
            _ => throw new FormatException("\"client\" is true (client attributes), false (shared attributes), or a list of client keys."),
        };
        (IReadOnlyList<string> keys, GatewayAttributeAnswer answer) = root.TryGetProperty("key", out JsonElement key)
            ? ([RequireKey(key, "key")], GatewayAttributeAnswer.Value)
            : (KeyList(root, "keys") ?? throw new FormatException("A gateway attribute request names a \"key\" or \"keys\"."), GatewayAttributeAnswer.Values);
        return clientScope
            ? new GatewayAttributeRequest(idJson, name, keys, [], answer)
            : new GatewayAttributeRequest(idJson, name, [], keys, answer);
    }

    /// <summary>The answer to <paramref name="request"/>, on <see cref="GatewayTopics.AttributeResponse"/>.</summary>
    public static DeviceMessage AttributeResponse(GatewayAttributeRequest request, AttributeSnapshot attributes) =>
        new(GatewayTopics.AttributeResponse, ThingsBoardPayloads.Json(json =>
        {
            json.WriteStartObject();
            json.WritePropertyName("id");
            json.WriteRawValue(request.IdJson, skipInputValidation: true);
            json.WriteString("device", request.Name);
            Dictionary<string, string> found = attributes.Client.Concat(attributes.Shared).GroupBy(pair => pair.Key).ToDictionary(group => group.Key, group => group.First().Value);
            switch (request.Answer)
            {
                case GatewayAttributeAnswer.Value when found.Values.FirstOrDefault() is string value:
                    json.WritePropertyName("value");
                    json.WriteRawValue(value, skipInputValidation: true);
                    break;
                case GatewayAttributeAnswer.Values:
                    ThingsBoardPayloads.WriteObject(json, "values", found);
                    break;
                case GatewayAttributeAnswer.Scopes:
                    ThingsBoardPayloads.WriteObject(json, "client", attributes.Client);
                    ThingsBoardPayloads.WriteObject(json, "shared", attributes.Shared);
                    break;
            }

            json.WriteEndObject();
        }));

    /// <summary>A child's answer to an RPC: <c>{"device":"Child A","id":7,"data":{...}}</c>.</summary>
    public static (string Name, int Id, string DataJson) ParseRpcResponse(ReadOnlySequence<byte> payload)
    {
        using JsonDocument document = ThingsBoardPayloads.Parse(payload);
        JsonElement root = RequireObject(document.RootElement, "A gateway RPC answer is {\"device\":\"name\",\"id\":1,\"data\":{...}}.");
        string name = ChildName(root, "device");
        int id = root.TryGetProperty("id", out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int number) ? number
            : value.ValueKind == JsonValueKind.String ? ThingsBoardPayloads.ParseRpcId(value.GetString()!)
            : throw new FormatException("A gateway RPC answer has the integer \"id\" of the request it answers.");
        return (name, id, root.TryGetProperty("data", out JsonElement data) ? data.GetRawText() : "{}");
    }

    /// <summary>
    /// A message of the device API for child <paramref name="name"/>, as its gateway receives it: shared attributes as
    /// <c>{"device","data"}</c> on the attributes topic, an RPC as <c>{"device","data":{"id","method","params"}}</c>.
    /// Null for what the gateway API does not carry (update actions, answers to a child's own RPCs).
    /// </summary>
    public static DeviceMessage? ForGateway(string name, DeviceMessage message)
    {
        if (message.Topic == DeviceTopics.Attributes)
        {
            return new DeviceMessage(GatewayTopics.Attributes, Wrapped(name, message.Payload, id: null));
        }

        return message.Topic.StartsWith(DeviceTopics.RpcRequestPrefix, StringComparison.Ordinal)
            && int.TryParse(message.Topic.AsSpan(DeviceTopics.RpcRequestPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out int rpcId)
            ? new DeviceMessage(GatewayTopics.Rpc, Wrapped(name, message.Payload, rpcId))
            : null;
    }

    /// <summary>{"device":name,"data":payload}, with the RPC id first in data when given.</summary>
    private static byte[] Wrapped(string name, byte[] payload, int? id)
    {
        using JsonDocument data = JsonDocument.Parse(payload);
        return ThingsBoardPayloads.Json(json =>
        {
            json.WriteStartObject();
            json.WriteString("device", name);
            json.WritePropertyName("data");
            if (id is int rpcId && data.RootElement.ValueKind == JsonValueKind.Object)
            {
                json.WriteStartObject();
                json.WriteNumber("id", rpcId);
                foreach (JsonProperty property in data.RootElement.EnumerateObject())
                {
                    property.WriteTo(json);
                }

                json.WriteEndObject();
            }
            else
            {
                data.RootElement.WriteTo(json);
            }

            json.WriteEndObject();
        });
    }

    private static JsonElement RequireObject(JsonElement root, string shape) =>
        root.ValueKind == JsonValueKind.Object ? root : throw new FormatException(shape);

    private static string ChildName(JsonElement root, string property) =>
        root.TryGetProperty(property, out JsonElement name) && name.ValueKind == JsonValueKind.String
            ? ValidName(name.GetString()!)
            : throw new FormatException($"\"{property}\" names the child device: a string.");

    /// <summary>A child's name, trimmed as device names are; refused when empty, too long or holding control characters.</summary>
    private static string ValidName(string name)
    {
        string trimmed = name.Trim();
        return DeviceNames.IsValidName(trimmed)
            ? trimmed
            : throw new FormatException($"A child device's name is 1 to {DeviceNames.MaxNameLength} characters without control characters.");
    }

    private static List<string>? KeyList(JsonElement root, string property) =>
        !root.TryGetProperty(property, out JsonElement keys) ? null
        : keys.ValueKind == JsonValueKind.Array ? [.. keys.EnumerateArray().Select(key => RequireKey(key, property))]
        : throw new FormatException($"\"{property}\" is a list of attribute keys.");

    private static string RequireKey(JsonElement key, string property) =>
        key.ValueKind == JsonValueKind.String && key.GetString() is { Length: > 0 and <= Grains.Interfaces.InputLimits.MaxKeyLength } text
            ? text
            : throw new FormatException($"\"{property}\" holds attribute keys: strings of 1 to {Grains.Interfaces.InputLimits.MaxKeyLength} characters.");

    private static string Path(string name) => $"[\"{name}\"]";
}
