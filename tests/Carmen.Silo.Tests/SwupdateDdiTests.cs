using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Carmen.Testing;

namespace Carmen.Silo.Tests;

/// <summary>
/// Debian's swupdate, suricatta in hawkBit mode, against a real Carmen node: poll, deployment, download, install,
/// progress, and the outcome it reports after a "reboot". One swupdate at a time (its IPC sockets are fixed paths),
/// which the tests of one class are.
/// </summary>
public sealed class SwupdateDdiTests : IAsyncLifetime
{
    private const string AdminPassword = "swupdate-admin-1";
    private static readonly TimeSpan s_patience = TimeSpan.FromSeconds(90);

    private readonly TempDirectory _data = new();
    private readonly TempDirectory _images = new();
    private CarmenProcess? _node;
    private string _token = "";

    private CarmenProcess Node => _node!;

    [SwupdateFact]
    public async Task SwupdateInstallsAndReportsSuccessAfterItsRestart()
    {
        SwupdateImage image = await SwupdateImage.BuildAsync(_images.Path, hardwareRevision: "1.0");
        (string deviceToken, long actionId) = await AssignAsync("gw1", image);

        await using (SwupdateProcess installing = SwupdateProcess.Start(ServerUrl, "acme", "gw1", deviceToken, image, hardwareRevision: "1.0"))
        {
            await WaitForAsync(installing, "gw1", actionId, action => Details(action).Contains("All Chunks Installed."));
        }

        byte[] installed = await File.ReadAllBytesAsync(image.InstallPath);
        await using (SwupdateProcess rebooted = SwupdateProcess.Start(ServerUrl, "acme", "gw1", deviceToken, image, hardwareRevision: "1.0", confirm: 2))
        {
            await WaitForAsync(rebooted, "gw1", actionId, action => action["status"]!.GetValue<string>() == "finished");
        }

        JsonNode action = await ActionAsync("gw1", actionId);
        installed.Should().Equal(image.Payload, "swupdate downloaded the artifact Carmen served and wrote its file");
        JsonArray feedback = action["feedback"]!.AsArray();
        feedback.Should().Contain(entry => entry!["progressOf"] != null && entry["progressOf"]!.GetValue<int>() == 1, "swupdate's progress feedback was taken");
        feedback[^1]!["execution"]!.GetValue<string>().Should().Be("closed");
        feedback[^1]!["result"]!.GetValue<string>().Should().Be("success");
        (await Node.Http.GetJsonAsync(_token, "/api/v1/tenants/acme/devices/gw1"))["firmwareVersion"]!.GetValue<string>().Should().Be("gw 2.0.0");
    }

    [SwupdateFact]
    public async Task AnImageForOtherHardwareEndsTheActionInErrorWithSwupdatesReason()
    {
        SwupdateImage image = await SwupdateImage.BuildAsync(_images.Path, hardwareRevision: "1.0");
        (string deviceToken, long actionId) = await AssignAsync("gw2", image);

        await using (SwupdateProcess swupdate = SwupdateProcess.Start(ServerUrl, "acme", "gw2", deviceToken, image, hardwareRevision: "2.0"))
        {
            await WaitForAsync(swupdate, "gw2", actionId, action => action["status"]!.GetValue<string>() == "error");
        }

        JsonNode action = await ActionAsync("gw2", actionId);
        Details(action).Should().Contain(line => line.Contains("SW not compatible with hardware", StringComparison.Ordinal));
        File.Exists(image.InstallPath).Should().BeFalse();
    }

    public async Task InitializeAsync()
    {
        _node = await CarmenProcess.StartAsync(_data.Path, new Dictionary<string, string> { ["CARMEN_ADMIN_PASSWORD"] = AdminPassword });
        _token = await Node.Http.SignInAsync("admin", AdminPassword);
        await Node.Http.CreateTenantWithClusterAsync(_token, "acme");
        await Node.Http.SendJsonAsync(_token, HttpMethod.Put, "/api/v1/tenants/acme/ddi-settings", new { pollingSleep = "00:00:01" });
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        _data.Dispose();
        _images.Dispose();
    }

    private string ServerUrl => $"http://127.0.0.1:{Node.HttpPort}";

    /// <summary>A device, a module holding the image, a distribution set of it, and a forced assignment to the device.</summary>
    private async Task<(string DeviceToken, long ActionId)> AssignAsync(string deviceId, SwupdateImage image)
    {
        string deviceToken = await Node.Http.CreateDeviceAsync(_token, "acme", deviceId);
        long moduleId = (await Node.Http.SendJsonAsync(_token, HttpMethod.Post, "/api/v1/tenants/acme/software-modules",
            new { name = $"{deviceId}-os", version = "2.0.0", type = "os" }))["id"]!.GetValue<long>();
        using (var upload = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/tenants/acme/software-modules/{moduleId}/artifacts?filename=update.swu"))
        {
            upload.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
            upload.Content = new ByteArrayContent(await File.ReadAllBytesAsync(image.SwuPath));
            upload.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            using HttpResponseMessage uploaded = await Node.Http.SendAsync(upload);
            uploaded.IsSuccessStatusCode.Should().BeTrue(await uploaded.Content.ReadAsStringAsync());
        }

        long setId = (await Node.Http.SendJsonAsync(_token, HttpMethod.Post, "/api/v1/tenants/acme/distribution-sets",
            new { name = "gw", version = "2.0.0", modules = new[] { moduleId } }))["id"]!.GetValue<long>();
        long actionId = (await Node.Http.SendJsonAsync(_token, HttpMethod.Post, $"/api/v1/tenants/acme/devices/{deviceId}/assignments",
            new { distributionSetId = setId, actionType = "forced" }))["id"]!.GetValue<long>();
        return (deviceToken, actionId);
    }

    private Task<JsonNode> ActionAsync(string deviceId, long actionId) => Node.Http.GetJsonAsync(_token, $"/api/v1/tenants/acme/devices/{deviceId}/actions/{actionId}");

    private async Task WaitForAsync(SwupdateProcess swupdate, string deviceId, long actionId, Func<JsonNode, bool> condition) =>
        condition(await Eventually.ReadAsync(() => ActionAsync(deviceId, actionId), condition, s_patience)).Should().BeTrue($"swupdate said:\n{swupdate.Output}");

    private static List<string> Details(JsonNode action) =>
        [.. action["feedback"]!.AsArray().SelectMany(entry => entry!["details"]!.AsArray().Select(line => line!.GetValue<string>()))];
}
