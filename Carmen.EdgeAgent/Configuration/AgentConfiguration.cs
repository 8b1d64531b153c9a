using Microsoft.Extensions.Configuration;

namespace Carmen.EdgeAgent.Configuration;

/// <summary>Builds the agent's options from the config file, <c>CARMEN_AGENT_</c> environment variables and flags, later ones winning.</summary>
public static class AgentConfiguration
{
    private static readonly Dictionary<string, string> s_flags = new(StringComparer.Ordinal)
    {
        ["--config"] = "config",
        ["--host"] = "server:host",
        ["--port"] = "server:port",
        ["--tls"] = "server:tls",
        ["--ca-file"] = "server:caFile",
        ["--http-url"] = "server:httpUrl",
        ["--token"] = "accessToken",
        ["--state-dir"] = "stateDirectory",
        ["--interval"] = "telemetryIntervalSeconds",
    };

    /// <summary>The options, or why they cannot be read (a missing or malformed file, a value of the wrong type).</summary>
    public static (AgentOptions? Options, string? Problem) Load(IReadOnlyList<string> flags)
    {
        string[] arguments = [.. flags];
        try
        {
            IConfigurationRoot first = new ConfigurationBuilder().AddCommandLine(arguments, s_flags).Build();
            string? given = first["config"] ?? Environment.GetEnvironmentVariable("CARMEN_AGENT_CONFIG");
            string path = given ?? AgentOptions.DefaultPath;
            if (given is not null && !File.Exists(path))
            {
                return (null, $"Config file {path} does not exist.");
            }

            IConfigurationRoot configuration = new ConfigurationBuilder()
                .AddJsonFile(Path.GetFullPath(path), optional: given is null, reloadOnChange: false)
                .AddEnvironmentVariables("CARMEN_AGENT_")
                .AddCommandLine(arguments, s_flags)
                .Build();
            var options = new AgentOptions();
            configuration.Bind(options);
            return (options, null);
        }
        catch (Exception failure) when (failure is FormatException or InvalidOperationException or InvalidDataException or IOException)
        {
            return (null, $"Configuration cannot be read: {failure.Message}");
        }
    }
}
