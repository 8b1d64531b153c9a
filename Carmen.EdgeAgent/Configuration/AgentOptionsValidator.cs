namespace Carmen.EdgeAgent.Configuration;

/// <summary>Everything wrong with a configuration, each naming its key, so <c>carmen-agent check</c> can list them all at once.</summary>
public static class AgentOptionsValidator
{
    private static readonly string[] s_installers = ["command", "swupdate", "rauc"];

    public static IReadOnlyList<string> Validate(AgentOptions options)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Server.Host))
        {
            problems.Add("server.host: the Carmen MQTT host is required.");
        }

        if (options.Server.Port is < 1 or > 65535)
        {
            problems.Add("server.port: 1 to 65535.");
        }

        if (options.Server.CaFile is string caFile && !File.Exists(caFile))
        {
            problems.Add($"server.caFile: {caFile} does not exist.");
        }

        if (options.Server.HttpUrl is string httpUrl && !Uri.TryCreate(httpUrl, UriKind.Absolute, out _))
        {
            problems.Add("server.httpUrl: an absolute http(s) URL.");
        }

        if (options.Server.ReconnectMaxDelaySeconds is < 1 or > 3600)
        {
            problems.Add("server.reconnectMaxDelaySeconds: 1 to 3600.");
        }

        bool certificate = options.ClientCertificate is not null || options.ClientKey is not null;
        if (string.IsNullOrWhiteSpace(options.AccessToken) && !certificate && !options.Certificates.Enrolls)
        {
            problems.Add("accessToken: a device access token (or clientCertificate and clientKey, or certificates.enrollmentToken) is required.");
        }

        if (options.Certificates.Enrolls)
        {
            if (string.IsNullOrWhiteSpace(options.Certificates.TenantId) || string.IsNullOrWhiteSpace(options.Certificates.DeviceId))
            {
                problems.Add("certificates.tenantId, certificates.deviceId: enrolling needs the device's tenant and id.");
            }

            if (!options.Server.Tls)
            {
                problems.Add("server.tls: signing in with the enrolled certificate needs TLS.");
            }

            if (certificate)
            {
                problems.Add("certificates.enrollmentToken: either the agent enrolls its own certificate, or clientCertificate and clientKey name one; not both.");
            }
        }

        if (options.Certificates.RenewWhenRemainingPercent is < 1 or > 90)
        {
            problems.Add("certificates.renewWhenRemainingPercent: 1 to 90.");
        }

        if (certificate)
        {
            foreach ((string key, string? file) in new[] { ("clientCertificate", options.ClientCertificate), ("clientKey", options.ClientKey) })
            {
                if (file is null || !File.Exists(file))
                {
                    problems.Add($"{key}: {(file is null ? "both certificate and key are needed" : $"{file} does not exist")}.");
                }
            }

            if (!options.Server.Tls)
            {
                problems.Add("server.tls: a client certificate needs TLS.");
            }
        }

        if (options.TelemetryIntervalSeconds is < 1 or > 86_400)
        {
            problems.Add("telemetryIntervalSeconds: 1 to 86400.");
        }

        if (!Path.IsPathFullyQualified(options.StateDirectory))
        {
            problems.Add("stateDirectory: an absolute path.");
        }

        if (options.QueueLimitBytes < 64 * 1024)
        {
            problems.Add("queueLimitBytes: at least 65536.");
        }

        if (options.Mounts.FirstOrDefault(mount => !mount.StartsWith('/')) is string mount)
        {
            problems.Add($"mounts: '{mount}' is not an absolute path.");
        }

        if (!s_installers.Contains(options.Installer.Type))
        {
            problems.Add($"installer.type: one of {string.Join(", ", s_installers)}.");
        }

        InstallerOptions installer = options.Installer;
        // No command is allowed (a device that takes no updates); an update offered to it fails and says why.
        if (installer.Command is string command && !Path.IsPathFullyQualified(command))
        {
            problems.Add("installer.command: the install script's absolute path.");
        }

        if (installer.TimeoutSeconds is < 10 or > 86_400)
        {
            problems.Add("installer.timeoutSeconds: 10 to 86400.");
        }

        foreach ((string key, List<string> argv) in new[] { ("versionCommand", installer.VersionCommand), ("healthCommand", installer.HealthCommand) })
        {
            if (argv.Count > 0 && !Path.IsPathFullyQualified(argv[0]))
            {
                problems.Add($"installer.{key}: an argv starting with the program's absolute path.");
            }
        }

        if (installer.ApprovalFile is string approval && !Path.IsPathFullyQualified(approval))
        {
            problems.Add("installer.approvalFile: an absolute path.");
        }

        if (options.Ddi.Enabled)
        {
            if (options.Ddi.Tenant is not { Length: > 0 } tenant || !tenant.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                problems.Add("ddi.tenant: the device's tenant id (lowercase letters, digits and '-').");
            }

            if (string.IsNullOrWhiteSpace(options.Ddi.ControllerId))
            {
                problems.Add("ddi.controllerId: the device's id in Carmen.");
            }

            if (string.IsNullOrWhiteSpace(options.AccessToken) && certificate)
            {
                problems.Add("accessToken: polling DDI authenticates with the device's access token (TargetToken), even when MQTT uses a certificate.");
            }
        }

        if (options.LocalIngestion.SocketPath is string socket && !Path.IsPathFullyQualified(socket))
        {
            problems.Add("localIngestion.socketPath: an absolute path.");
        }

        if (options.LocalIngestion.HttpPort is < 0 or > 65535)
        {
            problems.Add("localIngestion.httpPort: 1 to 65535, or 0 for no HTTP.");
        }

        foreach ((string name, List<string> argv) in options.AllowedCommands)
        {
            if (argv.Count == 0 || !Path.IsPathFullyQualified(argv[0]))
            {
                problems.Add($"allowedCommands.{name}: an argv starting with the program's absolute path.");
            }
        }

        return problems;
    }
}
