using System.Buffers;
using System.Text.Json;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Provisioning;
using Carmen.Silo.Mqtt.Listener;

namespace Carmen.Silo.Mqtt.DeviceApi;

/// <summary>
/// ThingsBoard's provisioning request and answer: <c>{"deviceName","provisionDeviceKey","provisionDeviceSecret",
/// "credentialsType"?,"token"?,"clientId"?,"username"?,"password"?}</c> and <c>{"status":"SUCCESS","credentialsType",
/// "credentialsValue"}</c> or <c>{"status":"FAILURE","errorMsg"}</c>.
/// </summary>
internal static class ProvisioningPayloads
{
    public static (string Key, ProvisionRequest Request) ParseRequest(ReadOnlySequence<byte> payload)
    {
        using JsonDocument document = ThingsBoardPayloads.Parse(payload);
        JsonElement root = document.RootElement.ValueKind == JsonValueKind.Object
            ? document.RootElement
            : throw new FormatException("A provisioning request is {\"deviceName\",\"provisionDeviceKey\",\"provisionDeviceSecret\",...}.");
        string name = Required(root, "deviceName");
        string key = Required(root, "provisionDeviceKey");
        string secret = Required(root, "provisionDeviceSecret");
        return (Optional(root, "credentialsType") ?? "ACCESS_TOKEN") switch
        {
            "ACCESS_TOKEN" => (key, new ProvisionRequest(name, secret, AccessToken: Optional(root, "token"))),
            "MQTT_BASIC" => (key, new ProvisionRequest(name, secret, Basic: new MqttBasicCredentials(
                Optional(root, "clientId"), Optional(root, "username") ?? Optional(root, "userName"), Optional(root, "password")))),
            string other => throw new FormatException($"credentialsType '{other}' is not served: ACCESS_TOKEN or MQTT_BASIC."),
        };
    }

    /// <summary>The answer the device receives on <see cref="ProvisioningSession.ResponseTopic"/>.</summary>
    public static DeviceMessage Response(ProvisionResult result) => new(ProvisioningSession.ResponseTopic, ThingsBoardPayloads.Json(json =>
    {
        json.WriteStartObject();
        if (!result.Succeeded)
        {
            json.WriteString("status", "FAILURE");
            json.WriteString("errorMsg", result.Error);
        }
        else if (result.Basic is MqttBasicCredentials basic)
        {
            json.WriteString("status", "SUCCESS");
            json.WriteString("credentialsType", "MQTT_BASIC");
            json.WriteStartObject("credentialsValue");
            json.WriteString("clientId", basic.ClientId);
            json.WriteString("userName", basic.Username);
            json.WriteEndObject();
        }
        else
        {
            json.WriteString("status", "SUCCESS");
            json.WriteString("credentialsType", "ACCESS_TOKEN");
            json.WriteString("credentialsValue", result.AccessToken);
        }

        json.WriteEndObject();
    }));

    private static string Required(JsonElement root, string property) =>
        Optional(root, property) is { Length: > 0 } value ? value : throw new FormatException($"\"{property}\" is required: a non-empty string.");

    private static string? Optional(JsonElement root, string property) => PayloadFields.OptionalString(root, property, maxLength: 256);
}
