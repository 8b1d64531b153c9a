using Carmen.EdgeAgent.Configuration;

namespace Carmen.EdgeAgent.Tests;

/// <summary>Configuration from the file, then CARMEN_AGENT_ environment variables, then flags; and what check refuses.</summary>
public sealed class AgentConfigurationTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"carmen-agent-{Guid.NewGuid():N}.json");

    [Fact]
    public void FlagsOverrideTheEnvironmentWhichOverridesTheFile()
    {
        File.WriteAllText(_file, """
            {"server":{"host":"carmen.example","port":8883,"tls":true},"accessToken":"from-file","telemetryIntervalSeconds":30,
             "stateDirectory":"/var/lib/carmen-agent","mounts":["/","/data"],"installer":{"type":"rauc"},
             "allowedCommands":{"uptime":["/usr/bin/uptime"]},"ddi":{"tenant":"acme"}}
            """);
        Environment.SetEnvironmentVariable("CARMEN_AGENT_ACCESSTOKEN", "from-environment");
        Environment.SetEnvironmentVariable("CARMEN_AGENT_DDI__CONTROLLERID", "pump-7");
        Environment.SetEnvironmentVariable("CARMEN_AGENT_SERVER__PORT", "1884");
        try
        {
            (AgentOptions? options, string? problem) = AgentConfiguration.Load(["--config", _file, "--port", "1885", "--interval", "5"]);

            problem.Should().BeNull();
            (options!.Server.Host, options.Server.Port, options.Server.Tls).Should().Be(("carmen.example", 1885, true));
            options.AccessToken.Should().Be("from-environment");
            options.TelemetryIntervalSeconds.Should().Be(5);
            options.Mounts.Should().Equal("/", "/data");
            options.Installer.Type.Should().Be("rauc");
            options.AllowedCommands["uptime"].Should().Equal("/usr/bin/uptime");
            (options.Ddi.Enabled, options.Ddi.Tenant, options.Ddi.ControllerId).Should().Be((true, "acme", "pump-7"));
            AgentOptionsValidator.Validate(options).Should().BeEmpty();
        }
        finally
        {
            Environment.SetEnvironmentVariable("CARMEN_AGENT_ACCESSTOKEN", null);
            Environment.SetEnvironmentVariable("CARMEN_AGENT_SERVER__PORT", null);
            Environment.SetEnvironmentVariable("CARMEN_AGENT_DDI__CONTROLLERID", null);
        }
    }

    [Fact]
    public void EveryProblemIsListedWithItsKey()
    {
        File.WriteAllText(_file, """
            {"server":{"host":"","port":70000},"telemetryIntervalSeconds":0,"stateDirectory":"relative/dir",
             "installer":{"type":"apt"},"allowedCommands":{"shell":["sh","-c"]},"mounts":["data"],"ddi":{"tenant":"Acme Corp"}}
            """);

        (AgentOptions? options, _) = AgentConfiguration.Load(["--config", _file]);
        IReadOnlyList<string> problems = AgentOptionsValidator.Validate(options!);

        problems.Select(problem => problem.Split(':')[0]).Should().BeEquivalentTo(
            "server.host", "server.port", "accessToken", "telemetryIntervalSeconds", "stateDirectory", "installer.type", "allowedCommands.shell", "mounts",
            "ddi.tenant", "ddi.controllerId");
    }

    [Fact]
    public void AMissingOrMalformedFileIsReportedNotIgnored()
    {
        (AgentOptions? missing, string? missingProblem) = AgentConfiguration.Load(["--config", _file]);
        File.WriteAllText(_file, "{\"server\": ");
        (AgentOptions? malformed, string? malformedProblem) = AgentConfiguration.Load(["--config", _file]);

        missing.Should().BeNull();
        missingProblem.Should().Contain("does not exist");
        malformed.Should().BeNull();
        malformedProblem.Should().Contain("cannot be read");
    }

    public void Dispose() => File.Delete(_file);
}
