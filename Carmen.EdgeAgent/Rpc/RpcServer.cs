using System.Buffers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Carmen.EdgeAgent.Attributes;
using Carmen.EdgeAgent.Certificates;
using Carmen.EdgeAgent.Configuration;
using Carmen.EdgeAgent.Connection;
using Carmen.EdgeAgent.Diagnostics;
using Carmen.EdgeAgent.Telemetry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace Carmen.EdgeAgent.Rpc;

/// <summary>
/// Answers Carmen's RPC calls (<c>v1/devices/me/rpc/request/{id}</c> → <c>.../response/{id}</c>): ping, reboot (if
/// allowed), getLogs, getDiagnostics, and exec of allow-listed commands. Anything else is answered with an error;
/// nothing runs that the device's owner did not allow. Each call runs apart from MQTT's receive loop, at most
/// <see cref="Concurrency"/> at once.
/// </summary>
public sealed partial class RpcServer : IDisposable
{
    private const int Concurrency = 4;
    private const int MaxLogLines = 500;
    private const int MaxTimeoutSeconds = 120;

    private readonly AgentConnection _connection;
    private readonly CertificateLifecycle _certificates;
    private readonly AgentOptions _options;
    private readonly AllowedCommands _allowed;
    private readonly RecentLog _log;
    private readonly TimeProvider _time;
    private readonly ILogger<RpcServer> _logger;
    private readonly SemaphoreSlim _slots = new(Concurrency);

    public RpcServer(AgentConnection connection, CertificateLifecycle certificates, IOptions<AgentOptions> options, RecentLog log, TimeProvider time, ILogger<RpcServer> logger)
    {
        (_connection, _certificates, _options, _log, _time, _logger) = (connection, certificates, options.Value, log, time, logger);
        _allowed = new AllowedCommands(_options.AllowedCommands);
        connection.Subscribe(DeviceTopics.RpcRequest, OnRequestAsync);
    }

    private Task OnRequestAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        string id = message.Topic[(message.Topic.LastIndexOf('/') + 1)..];
        byte[] payload = message.Payload.ToArray();
        _ = Task.Run(() => AnswerAsync(id, payload, cancellationToken), cancellationToken); // the receive loop must not wait for a command
        return Task.CompletedTask;
    }

    private async Task AnswerAsync(string id, byte[] payload, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            byte[] answer;
            string method = "?";
            try
            {
                using JsonDocument request = JsonDocument.Parse(payload);
                method = request.RootElement.TryGetProperty("method", out JsonElement name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : "";
                JsonElement parameters = request.RootElement.TryGetProperty("params", out JsonElement given) ? given : default;
                answer = await CallAsync(method, parameters, cancellationToken);
            }
            catch (JsonException)
            {
                answer = Error("The request is not JSON {\"method\",\"params\"}.");
            }

            LogAnswered(method, id);
            await _connection.PublishAsync(DeviceTopics.RpcResponse + id, answer, cancellationToken);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            LogCallFailed(failure, id);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task<byte[]> CallAsync(string method, JsonElement parameters, CancellationToken cancellationToken) => method switch
    {
        "ping" => JsonPayload.Write(json =>
        {
            json.WriteBoolean("pong", true);
            json.WriteString("agentVersion", ClientAttributes.AgentVersion);
            json.WriteNumber("ts", _time.GetUtcNow().ToUnixTimeMilliseconds());
        }),
        "reboot" => Reboot(),
        "getLogs" => await LogsAsync(parameters, cancellationToken),
        "getDiagnostics" => Diagnostics(Integer(parameters, "top") ?? 5),
        "exec" => await ExecAsync(parameters, cancellationToken),
        "renewCertificate" => await RenewCertificateAsync(cancellationToken),
        _ => Error($"Unknown method '{method}'. This agent answers ping, reboot, getLogs, getDiagnostics, exec and renewCertificate."),
    };

    /// <summary>Renews the agent's own certificate now (after a suspected leak, or before the CA changes); it reconnects with it after answering.</summary>
    private async Task<byte[]> RenewCertificateAsync(CancellationToken cancellationToken)
    {
        try
        {
            (string serial, DateTimeOffset notAfter) = await _certificates.RenewNowAsync(cancellationToken);
            return JsonPayload.Write(json =>
            {
                json.WriteString("serialNumber", serial);
                json.WriteString("notAfter", notAfter);
            });
        }
        catch (Exception failure) when (failure is InvalidOperationException or TimeoutException)
        {
            return Error(failure.Message);
        }
    }

    private byte[] Reboot()
    {
        if (!_options.AllowReboot)
        {
            return Error("Rebooting is not allowed on this device (allowReboot is off).");
        }

        LogRebooting();
        SystemReboot.After(TimeSpan.FromSeconds(2)); // lets the answer reach Carmen first
        return JsonPayload.Write(json => json.WriteBoolean("rebooting", true));
    }

    private async Task<byte[]> LogsAsync(JsonElement parameters, CancellationToken cancellationToken)
    {
        int lines = Math.Clamp(Integer(parameters, "lines") ?? 100, 1, MaxLogLines);
        string? unit = Text(parameters, "unit");
        if (unit is null)
        {
            IReadOnlyList<string> tail = _log.Tail(lines);
            return JsonPayload.Write(json => WriteLines(json, tail));
        }

        if (!UnitName().IsMatch(unit))
        {
            return Error($"'{unit}' is not a systemd unit name.");
        }

        CommandResult journal = await CommandRunner.RunAsync(["journalctl", "-u", unit, "-n", lines.ToString(System.Globalization.CultureInfo.InvariantCulture), "--no-pager", "-o", "short-iso"],
            TimeSpan.FromSeconds(15), cancellationToken);
        return journal.ExitCode == 0
            ? JsonPayload.Write(json => WriteLines(json, journal.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)))
            : Error($"journalctl failed: {journal.StartFailure ?? journal.Error.Trim()}");
    }

    private byte[] Diagnostics(int top)
    {
        Dictionary<string, double> metrics = new SystemMetrics(_options.ProcRoot, _options.MountsOrRoot).Read();
        IReadOnlyList<(int Pid, string Name, long RssBytes)> processes = ProcessTable.Top(_options.ProcRoot, Math.Clamp(top, 1, 50));
        return JsonPayload.Write(json =>
        {
            json.WriteStartObject("memory");
            json.WriteNumber("used", (long)metrics["memUsed"]);
            json.WriteNumber("available", (long)metrics["memAvailable"]);
            json.WriteEndObject();
            json.WriteStartArray("load");
            json.WriteNumberValue(metrics["load1"]);
            json.WriteNumberValue(metrics["load5"]);
            json.WriteNumberValue(metrics["load15"]);
            json.WriteEndArray();
            json.WriteStartObject("disks");
            foreach ((string key, double fraction) in metrics.Where(entry => entry.Key.StartsWith("disk.", StringComparison.Ordinal)))
            {
                json.WriteNumber(key["disk.".Length..], fraction);
            }

            json.WriteEndObject();
            json.WriteStartArray("processes");
            foreach ((int pid, string name, long rss) in processes)
            {
                json.WriteStartObject();
                json.WriteNumber("pid", pid);
                json.WriteString("name", name);
                json.WriteNumber("rssBytes", rss);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        });
    }

    private async Task<byte[]> ExecAsync(JsonElement parameters, CancellationToken cancellationToken)
    {
        string? name = Text(parameters, "command");
        if (name is null)
        {
            return Error("exec needs params.command, the name of an allowed command.");
        }

        List<string> arguments = parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty("args", out JsonElement given) && given.ValueKind == JsonValueKind.Array
            ? [.. given.EnumerateArray().Select(argument => argument.ValueKind == JsonValueKind.String ? argument.GetString()! : argument.GetRawText())]
            : [];
        (IReadOnlyList<string>? argv, string? refusal) = _allowed.Resolve(name, arguments);
        if (argv is null)
        {
            LogExecRefused(name, refusal!);
            return Error(refusal!);
        }

        int timeout = Math.Clamp(Integer(parameters, "timeoutSeconds") ?? 10, 1, MaxTimeoutSeconds);
        string commandLine = string.Join(' ', argv);
        LogExec(name, commandLine);
        CommandResult result = await CommandRunner.RunAsync(argv, TimeSpan.FromSeconds(timeout), cancellationToken);
        if (result.StartFailure is string why)
        {
            return Error($"Command '{name}' could not be started: {why}");
        }

        return JsonPayload.Write(json =>
        {
            if (result.ExitCode is int exitCode)
            {
                json.WriteNumber("exitCode", exitCode);
            }
            else
            {
                json.WriteNull("exitCode");
            }

            json.WriteString("stdout", result.Output);
            json.WriteString("stderr", result.Error);
            json.WriteBoolean("truncated", result.Truncated);
            json.WriteBoolean("timedOut", result.TimedOut);
        });
    }

    public void Dispose() => _slots.Dispose();

    private static void WriteLines(Utf8JsonWriter json, IEnumerable<string> lines)
    {
        json.WriteStartArray("lines");
        foreach (string line in lines)
        {
            json.WriteStringValue(line);
        }

        json.WriteEndArray();
    }

    private static int? Integer(JsonElement parameters, string name) =>
        parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty(name, out JsonElement value) && value.TryGetInt32(out int number) ? number : null;

    private static string? Text(JsonElement parameters, string name) =>
        parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static byte[] Error(string message) => JsonPayload.Write(json => json.WriteString("error", message));

    [GeneratedRegex(@"^[A-Za-z0-9@._:-]{1,128}$")]
    private static partial Regex UnitName();

    [LoggerMessage(Level = LogLevel.Information, Message = "RPC {Method} ({Id}) answered")]
    private partial void LogAnswered(string method, string id);

    [LoggerMessage(Level = LogLevel.Error, Message = "RPC {Id} failed")]
    private partial void LogCallFailed(Exception failure, string id);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rebooting on Carmen's request")]
    private partial void LogRebooting();

    [LoggerMessage(Level = LogLevel.Information, Message = "exec {Name}: {Command}")]
    private partial void LogExec(string name, string command);

    [LoggerMessage(Level = LogLevel.Warning, Message = "exec {Name} refused: {Reason}")]
    private partial void LogExecRefused(string name, string reason);
}
