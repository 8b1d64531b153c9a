using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Carmen.Testing.Node;
using Carmen.EdgeAgent.Configuration;
using Carmen.EdgeAgent.Ota;
using Carmen.EdgeAgent.Tests.Infrastructure;

namespace Carmen.EdgeAgent.Tests;

/// <summary>
/// OTA through the agent against a real Carmen node (MQTT and HTTP on loopback): actions pushed, artifacts downloaded
/// and verified, installed by a real script, and the outcome seen through Carmen's API.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // the agent and its install scripts are Linux's
public sealed partial class AgentUpdateTests(CarmenOverHttp carmen) : IClassFixture<CarmenOverHttp>, IDisposable
{
    private readonly string _device = Directory.CreateTempSubdirectory("carmen-agent-device-").FullName;

    private string Installed => Path.Combine(_device, "installed.bin");

    private string RunningVersion => Path.Combine(_device, "version");

    [Fact]
    public async Task AgentInstallsAnUpdateThroughItsCommandInstallerAndReportsSuccess()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(carmen.Factory, firmwareBytes: 300_000);
        await using RunningAgent agent = await StartAgentAsync(setup, options => options.Installer.Command = InstallScript(exitCode: 0));

        long actionId = await setup.AssignAsync();
        JsonObject action = await SettledAsync(setup, actionId);
        JsonObject attributes = await setup.Admin.GetEventuallyAsync($"/api/v1/tenants/{setup.Tenant}/devices/d1/attributes",
            body => body["client"]?["distributionSetVersion"]?.GetValue<string>() == "2.0.0");

        action["status"]!.GetValue<string>().Should().Be("finished", action.ToJsonString());
        File.ReadAllBytes(Installed).Should().Equal(setup.Firmware, "the script got the verified artifact's path");
        Details(action).Should().Contain(line => line.Contains("Downloading firmware.bin: 100%"))
            .And.Contain("installing version 2.0.0", "the installer's own output reaches the operator")
            .And.Contain(line => line.StartsWith("Installed gateway 2.0.0", StringComparison.Ordinal));
        action["feedback"]!.AsArray().Should().Contain(entry => entry!["progressDone"] != null && entry["progressDone"]!.GetValue<int>() == 100);
        attributes["client"]!["distributionSetId"]!.GetValue<long>().Should().Be(setup.SetId);
        Directory.EnumerateFiles(Path.Combine(agent.Options.StateDirectory, "downloads")).Should().BeEmpty("an installed artifact's download is removed");
    }

    [Fact]
    public async Task AgentReportsFailureAndInstallsNothingWhenTheArtifactsHashIsWrong()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(carmen.Factory, firmwareBytes: 100_000);
        string sha256 = Convert.ToHexStringLower(SHA256.HashData(setup.Firmware));
        File.WriteAllBytes(Path.Combine(carmen.Factory.DataDirectory, "artifacts", sha256[..2], sha256), RandomNumberGenerator.GetBytes(100_000));
        await using RunningAgent agent = await StartAgentAsync(setup, options => options.Installer.Command = InstallScript(exitCode: 0));

        long actionId = await setup.AssignAsync();
        JsonObject action = await SettledAsync(setup, actionId);

        action["status"]!.GetValue<string>().Should().Be("error");
        Details(action).Should().Contain(line => line.Contains("Verification failed, nothing installed") && line.Contains($"Carmen announced {sha256}"));
        File.Exists(Installed).Should().BeFalse("a file that fails verification is never given to the installer");
        Directory.EnumerateFiles(Path.Combine(agent.Options.StateDirectory, "downloads")).Should().BeEmpty("the corrupt download is discarded, not resumed from");
    }

    [Fact]
    public async Task AnInstallerFailureIsReportedWithTheEndOfItsOutput()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(carmen.Factory, firmwareBytes: 10_000);
        await using RunningAgent agent = await StartAgentAsync(setup, options => options.Installer.Command = InstallScript(exitCode: 3));

        long actionId = await setup.AssignAsync();
        JsonObject action = await SettledAsync(setup, actionId);

        action["status"]!.GetValue<string>().Should().Be("error");
        Details(action).Should().Contain(line => line.Contains("Installing firmware.bin failed") && line.Contains("exited with 3"))
            .And.Contain("installing version 2.0.0");
    }

    [Fact]
    public async Task AnInstallerThatCannotBeStartedFailsTheActionSayingWhy()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(carmen.Factory, firmwareBytes: 10_000);
        string missing = Path.Combine(_device, "no-such-installer");
        await using RunningAgent agent = await StartAgentAsync(setup, options => options.Installer.Command = missing);

        long actionId = await setup.AssignAsync();
        JsonObject action = await SettledAsync(setup, actionId);

        action["status"]!.GetValue<string>().Should().Be("error");
        Details(action).Should().Contain(line => line.StartsWith($"The installer '{missing}' cannot be started", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(true, "finished")]
    [InlineData(false, "error")]
    public async Task AnInstallNeedingARebootIsSettledByTheChecksAfterTheReboot(bool healthy, string expected)
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(carmen.Factory, firmwareBytes: 10_000);
        string root = FakeRoot(bootId: "boot-1");
        File.WriteAllText(RunningVersion, "1.0.0\n");
        void Configure(AgentOptions options)
        {
            options.ProcRoot = root;
            options.Installer.Command = InstallScript(exitCode: 10);
            options.Installer.VersionCommand = ["/bin/cat", RunningVersion];
            options.Installer.HealthCommand = [healthy ? "/bin/true" : "/bin/false"];
        }

        long actionId;
        string stateDirectory;
        await using (RunningAgent beforeReboot = await StartAgentAsync(setup, Configure, keepsState: true))
        {
            actionId = await setup.AssignAsync();
            await setup.Admin.GetEventuallyAsync(ActionPath(setup, actionId), body => Details(body).Any(line => line.Contains("waiting for the device to be rebooted")));
            stateDirectory = beforeReboot.Options.StateDirectory;
        }

        string waiting = (await setup.Admin.GetAsync(ActionPath(setup, actionId)))["status"]!.GetValue<string>();
        File.WriteAllText(Path.Combine(root, "proc/sys/kernel/random/boot_id"), "boot-2\n");
        await using RunningAgent afterReboot = await StartAgentAsync(setup, options =>
        {
            Configure(options);
            options.StateDirectory = stateDirectory;
        });
        JsonObject action = await SettledAsync(setup, actionId);

        waiting.Should().Be("running", "an install is not finished before the reboot into it");
        action["status"]!.GetValue<string>().Should().Be(expected, action.ToJsonString());
        Details(action).Should().Contain(line => healthy ? line.Contains("Running 2.0.0 after the reboot") : line.Contains("The health check failed"));
        File.Exists(Path.Combine(stateDirectory, "pending-install.json")).Should().BeFalse("the pending install is settled either way");
    }

    [Fact]
    public async Task ASoftUpdateWaitsForLocalApprovalAndADownloadOnlyActionNeverInstalls()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(carmen.Factory, firmwareBytes: 10_000);
        string approval = Path.Combine(_device, "approve-update");
        await using RunningAgent agent = await StartAgentAsync(setup, options =>
            (options.Installer.Command, options.Installer.ApprovalFile) = (InstallScript(exitCode: 0), approval));

        long downloadOnly = await setup.AssignAsync(extra: new { distributionSetId = setup.SetId, actionType = "downloadOnly" });
        JsonObject downloaded = await SettledAsync(setup, downloadOnly);
        bool installedByDownloadOnly = File.Exists(Installed);
        long soft = await setup.AssignAsync(extra: new { distributionSetId = setup.SetId, actionType = "soft" });
        JsonObject waiting = await setup.Admin.GetEventuallyAsync(ActionPath(setup, soft), body => Details(body).Any(line => line.Contains("waiting for approval")));
        bool installedBeforeApproval = File.Exists(Installed);
        File.WriteAllText(approval, "");
        JsonObject approved = await SettledAsync(setup, soft);

        downloaded["status"]!.GetValue<string>().Should().Be("finished");
        installedByDownloadOnly.Should().BeFalse();
        waiting["status"]!.GetValue<string>().Should().Be("downloaded");
        installedBeforeApproval.Should().BeFalse();
        approved["status"]!.GetValue<string>().Should().Be("finished", approved.ToJsonString());
        File.ReadAllBytes(Installed).Should().Equal(setup.Firmware);
        File.Exists(approval).Should().BeFalse("one approval is one install");
    }

    [Fact]
    public async Task AnUpdateWaitingForApprovalIsCanceledWhenTheOperatorCancelsIt()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(carmen.Factory, firmwareBytes: 10_000);
        await using RunningAgent agent = await StartAgentAsync(setup, options =>
            (options.Installer.Command, options.Installer.ApprovalFile) = (InstallScript(exitCode: 0), Path.Combine(_device, "approve-update")));
        long soft = await setup.AssignAsync(extra: new { distributionSetId = setup.SetId, actionType = "soft" });
        await setup.Admin.GetEventuallyAsync(ActionPath(setup, soft), body => Details(body).Any(line => line.Contains("waiting for approval")));

        await setup.Admin.SendOkAsync(HttpMethod.Post, $"{ActionPath(setup, soft)}/cancel");
        JsonObject canceled = await SettledAsync(setup, soft);

        canceled["status"]!.GetValue<string>().Should().Be("canceled", canceled.ToJsonString());
        Details(canceled).Should().Contain("Canceled before installing.");
        File.Exists(Installed).Should().BeFalse();
    }

    [Fact]
    public async Task ABrokenDownloadResumesWhereItStoppedWithARangeRequest()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(carmen.Factory, firmwareBytes: 200_000);
        await setup.AssignAsync(); // the device may download only what an action of its own offers
        string sha256 = Convert.ToHexStringLower(SHA256.HashData(setup.Firmware));
        var options = new AgentOptions { StateDirectory = Path.Combine(_device, "state"), AccessToken = setup.DeviceToken, Server = { HttpUrl = carmen.HttpUrl } };
        Directory.CreateDirectory(Path.Combine(options.StateDirectory, "downloads"));
        File.WriteAllBytes(Path.Combine(options.StateDirectory, "downloads", sha256 + ".part"), setup.Firmware[..120_000]);
        var recorder = new RecordingHandler();
        using var http = new HttpClient(recorder);
        var downloader = new ArtifactDownloader(http, Microsoft.Extensions.Options.Options.Create(options), Microsoft.Extensions.Logging.Abstractions.NullLogger<ArtifactDownloader>.Instance);
        var artifact = new OfferedArtifact("os", "2.0.0", UpdateSetup.FileName, setup.Firmware.Length, sha256,
            $"{setup.Controller()}/softwaremodules/{setup.ModuleId}/artifacts/{UpdateSetup.FileName}");
        List<long> progress = [];

        string file = await downloader.DownloadAsync(artifact, have => { progress.Add(have); return Task.CompletedTask; }, CancellationToken.None);

        File.ReadAllBytes(file).Should().Equal(setup.Firmware);
        recorder.Exchanges.Should().Equal(("bytes=120000-", System.Net.HttpStatusCode.PartialContent));
        progress.Should().NotBeEmpty().And.OnlyContain(have => have > 120_000, "only the missing 80,000 bytes travel");
    }

    public void Dispose() => Directory.Delete(_device, recursive: true);

    /// <summary>Real HTTP to Carmen, noting each request's Range header and the status it got.</summary>
    private sealed class RecordingHandler() : DelegatingHandler(new SocketsHttpHandler())
    {
        public List<(string? Range, System.Net.HttpStatusCode Status)> Exchanges { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            HttpResponseMessage response = await base.SendAsync(request, cancellationToken);
            Exchanges.Add((request.Headers.Range?.ToString(), response.StatusCode));
            return response;
        }
    }

    private Task<RunningAgent> StartAgentAsync(UpdateSetup setup, Action<AgentOptions> configure, bool keepsState = false) =>
        RunningAgent.StartAsync(carmen.Factory.MqttPort, setup.DeviceToken, options =>
        {
            options.Server.HttpUrl = carmen.HttpUrl;
            configure(options);
        }, keepsState);

    /// <summary>An install script as a device maker writes one: it says what it does, "flashes" the artifact, and exits with the given code.</summary>
    private string InstallScript(int exitCode)
    {
        string script = Path.Combine(_device, "install-update");
        File.WriteAllText(script, $"""
            #!/bin/sh
            echo "installing version $2"
            cp "$1" "{Installed}"
            echo "$2" > "{RunningVersion}.next"
            [ {exitCode} -eq 10 ] && mv "{RunningVersion}.next" "{RunningVersion}"
            exit {exitCode}
            """.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return script;
    }

    /// <summary>A copy of the fixture /proc and /sys with a boot id the test controls, so a "reboot" is a new boot id.</summary>
    private string FakeRoot(string bootId)
    {
        string root = Path.Combine(_device, "root");
        foreach (string file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*", SearchOption.AllDirectories))
        {
            string copy = Path.Combine(root, Path.GetRelativePath(Path.Combine(AppContext.BaseDirectory, "Fixtures"), file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        Directory.CreateDirectory(Path.Combine(root, "proc/sys/kernel/random"));
        File.WriteAllText(Path.Combine(root, "proc/sys/kernel/random/boot_id"), bootId + "\n");
        return root;
    }

    private static string ActionPath(UpdateSetup setup, long actionId) => $"/api/v1/tenants/{setup.Tenant}/devices/d1/actions/{actionId}";

    private static Task<JsonObject> SettledAsync(UpdateSetup setup, long actionId) =>
        setup.Admin.GetEventuallyAsync(ActionPath(setup, actionId), body => body["status"]!.GetValue<string>() is "finished" or "error" or "canceled");

    private static IEnumerable<string> Details(JsonObject action) =>
        action["feedback"]!.AsArray().SelectMany(entry => entry!["details"]!.AsArray()).Select(line => line!.GetValue<string>());
}
