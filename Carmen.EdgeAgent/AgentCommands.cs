using System.Net.Sockets;
using Carmen.EdgeAgent.Attributes;
using Carmen.EdgeAgent.Configuration;
using Carmen.EdgeAgent.Connection;
using Carmen.EdgeAgent.Ota;
using Microsoft.Extensions.Hosting;
using MQTTnet;

namespace Carmen.EdgeAgent;

/// <summary><c>carmen-agent [run]</c>, <c>carmen-agent check</c> and <c>carmen-agent --version</c>.</summary>
public static class AgentCommands
{
    /// <summary>Exit codes of <c>check</c> (and of the daemon when it cannot start): each says what is wrong.</summary>
    public const int Ok = 0, BadUsage = 1, BadConfig = 2, StateNotWritable = 3, ServerUnreachable = 4, CredentialsRefused = 5;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Contains("--version"))
        {
            Console.WriteLine($"carmen-agent {ClientAttributes.AgentVersion}");
            return Ok;
        }

        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine("usage: carmen-agent [run|check] [--config <path>] [--host h] [--port p] [--token t] [--state-dir d] [--interval s] [--key:path value]");
            return Ok;
        }

        string command = args.Length > 0 && !args[0].StartsWith('-') ? args[0] : "run";
        string[] flags = command == "run" && (args.Length == 0 || args[0].StartsWith('-')) ? args : args[1..];
        (AgentOptions? options, int exit) = Prepare(flags);
        if (options is null)
        {
            return exit;
        }

        switch (command)
        {
            case "check":
                return await CheckAsync(options);
            case "run":
                using (IHost host = AgentHost.Build(options))
                {
                    await host.RunAsync();
                }

                return Ok;
            default:
                await Console.Error.WriteLineAsync($"Unknown command '{command}' (run, check, --version).");
                return BadUsage;
        }
    }

    private static (AgentOptions?, int) Prepare(string[] flags)
    {
        (AgentOptions? options, string? problem) = AgentConfiguration.Load(flags);
        if (options is null)
        {
            Console.Error.WriteLine(problem);
            return (null, BadConfig);
        }

        IReadOnlyList<string> problems = AgentOptionsValidator.Validate(options);
        foreach (string line in problems)
        {
            Console.Error.WriteLine($"config: {line}");
        }

        if (problems.Count > 0)
        {
            return (null, BadConfig);
        }

        try
        {
            Directory.CreateDirectory(options.StateDirectory);
            string probe = Path.Combine(options.StateDirectory, ".write-test");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"stateDirectory: {options.StateDirectory} is not writable: {failure.Message}");
            return (null, StateNotWritable);
        }

        return (options, Ok);
    }

    private static async Task<int> CheckAsync(AgentOptions options)
    {
        Console.WriteLine($"config: ok; state directory {options.StateDirectory} writable");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        MqttClientConnectResultCode result;
        try
        {
            result = await AgentConnection.ProbeAsync(options, timeout.Token);
        }
        catch (Exception failure) when (failure is SocketException or OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException or IOException)
        {
            Console.Error.WriteLine($"server: cannot reach {options.Server.Host}:{options.Server.Port}: {failure.Message}");
            return ServerUnreachable;
        }

        if (result != MqttClientConnectResultCode.Success)
        {
            Console.Error.WriteLine($"server: {options.Server.Host}:{options.Server.Port} refused the device: {result}");
            return CredentialsRefused;
        }

        Console.WriteLine($"server: connected to {options.Server.Host}:{options.Server.Port} as the device");
        return options.Ddi.Enabled ? await CheckDdiAsync(options) : Ok;
    }

    /// <summary>One poll of the DDI root, as the agent will make them: reachable, and the token is the controller's.</summary>
    private static async Task<int> CheckDdiAsync(AgentOptions options)
    {
        using HttpClient http = AgentHttp.Create(options);
        var ddi = new DdiClient(http, Microsoft.Extensions.Options.Options.Create(options));
        try
        {
            using System.Text.Json.JsonDocument root = await ddi.GetAsync(null, CancellationToken.None);
            Console.WriteLine($"ddi: polled {ddi.ControllerBase} as the controller");
            return Ok;
        }
        catch (HttpRequestException failure) when (failure.StatusCode is not null && (int)failure.StatusCode < 500)
        {
            Console.Error.WriteLine($"ddi: {failure.Message}");
            return CredentialsRefused;
        }
        catch (Exception failure) when (failure is HttpRequestException or System.Text.Json.JsonException)
        {
            Console.Error.WriteLine($"ddi: cannot poll {ddi.ControllerBase}: {failure.Message}");
            return ServerUnreachable;
        }
    }
}
