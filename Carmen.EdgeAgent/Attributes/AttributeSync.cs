using System.Globalization;
using System.Text.Json;
using Carmen.EdgeAgent.Configuration;
using Carmen.EdgeAgent.Connection;
using Carmen.EdgeAgent.Ota;
using Carmen.EdgeAgent.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace Carmen.EdgeAgent.Attributes;

/// <summary>
/// Keeps attributes in step with Carmen: publishes the client attributes on every connect, asks for the shared
/// attributes the agent obeys (the telemetry interval), and follows their changes.
/// </summary>
public sealed partial class AttributeSync
{
    private readonly AgentConnection _connection;
    private readonly TelemetryInterval _interval;
    private readonly InstallState _installed;
    private readonly AgentOptions _options;
    private readonly ILogger<AttributeSync> _logger;
    private int _requestId;

    public AttributeSync(AgentConnection connection, TelemetryInterval interval, InstallState installed, IOptions<AgentOptions> options, ILogger<AttributeSync> logger)
    {
        (_connection, _interval, _installed, _options, _logger) = (connection, interval, installed, options.Value, logger);
        connection.Subscribe(DeviceTopics.Attributes, OnSharedChangeAsync);
        connection.Subscribe(DeviceTopics.AttributesResponse, OnResponseAsync);
        connection.WhenConnected(OnConnectedAsync);
    }

    /// <summary>Tells Carmen the device's facts again, as after an install that changed the running version.</summary>
    public Task<bool> PublishClientAttributesAsync(CancellationToken cancellationToken) =>
        _connection.PublishAsync(DeviceTopics.Attributes, ClientAttributes.Write(_options.ProcRoot, _installed.Installed), cancellationToken);

    private async Task OnConnectedAsync(CancellationToken cancellationToken)
    {
        await PublishClientAttributesAsync(cancellationToken);
        int id = Interlocked.Increment(ref _requestId);
        await _connection.PublishAsync(DeviceTopics.AttributesRequest + id.ToString(CultureInfo.InvariantCulture),
            $$"""{"sharedKeys":"{{TelemetryInterval.AttributeName}}"}""", cancellationToken);
    }

    private Task OnSharedChangeAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        Apply(message, shared => shared);
        return Task.CompletedTask;
    }

    /// <summary>The answer to the request made on connect: <c>{"shared":{...}}</c>; a key it lacks is not set in Carmen.</summary>
    private Task OnResponseAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        Apply(message, root => root.TryGetProperty("shared", out JsonElement shared) ? shared : default, absentMeansDeleted: true);
        return Task.CompletedTask;
    }

    private void Apply(MqttApplicationMessage message, Func<JsonElement, JsonElement> select, bool absentMeansDeleted = false)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(message.Payload);
            JsonElement shared = select(document.RootElement);
            if (shared.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            if (shared.TryGetProperty(TelemetryInterval.AttributeName, out JsonElement value))
            {
                if (value.TryGetInt32(out int seconds) && TelemetryInterval.Valid(seconds))
                {
                    _interval.Set(seconds);
                }
                else
                {
                    LogIgnored(TelemetryInterval.AttributeName, value.GetRawText());
                }
            }
            else if (absentMeansDeleted || (shared.TryGetProperty("deleted", out JsonElement deleted) && deleted.ValueKind == JsonValueKind.Array
                && deleted.EnumerateArray().Any(key => key.ValueEquals(TelemetryInterval.AttributeName))))
            {
                _interval.Set(null);
            }
        }
        catch (JsonException failure)
        {
            LogMalformed(failure.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Shared attribute {Name} = {Value} ignored: not a whole number of seconds from 1 to 86400")]
    private partial void LogIgnored(string name, string value);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Attribute message from Carmen is not JSON: {Reason}")]
    private partial void LogMalformed(string reason);
}
