using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Carmen.Testing;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Posture;

/// <summary>
/// Posture checks on demand: a token used from two loopback addresses at once (the second connection is Debian's
/// mosquitto_pub bound to 127.0.0.2), a device running a distribution set marked vulnerable, certificates and a CA
/// within the expiry window; each finding raises the tenant's postureFinding alert, and its mitigation opens an incident.
/// </summary>
public sealed class PostureTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>, IDisposable
{
    private readonly OpenSsl _openssl = new();

    [MosquittoFact]
    public async Task ChecksFindSharedTokensVulnerableSoftwareAndExpiringCertificatesAndAFindingOpensAnIncident()
    {
        UpdateSetup setup = await UpdateSetup.CreateAsync(factory, firmwareBytes: 10);
        (CarmenClient admin, string tenant) = (setup.Admin, setup.Tenant);
        string api = $"/api/v1/tenants/{tenant}";
        await admin.SendOkAsync(HttpMethod.Post, $"{api}/alert-rules",
            new { name = "Posture", severity = "major", scope = new { type = "tenant" }, condition = new { @event = "postureFinding" } });
        await admin.SendOkAsync(HttpMethod.Post, $"{api}/pki/ca", new { mode = "managed", certificateLifetimeDays = 20 });
        string sharedToken = (await admin.CreateDeviceAsync(tenant, "shared"))["accessToken"]!.GetValue<string>();
        await admin.CreateDeviceAsync(tenant, "holder");
        await admin.SendOkAsync(HttpMethod.Post, $"{api}/devices/holder/certificates", new { csr = await _openssl.NewCsrAsync("holder") });
        await InstallAsync(setup);
        await admin.SendOkAsync(HttpMethod.Put, $"{api}/posture/settings",
            new { vulnerableDistributionSets = new[] { new { distributionSetId = setup.SetId, advisory = "CVE-2026-0001: remote code execution" } } });

        await using DeviceMqttClient first = await DeviceMqttClient.ConnectAsync(factory.MqttPort, sharedToken);
        (int exit, string output) = await Mosquitto.RunAsync("mosquitto_pub",
            ["-h", "127.0.0.1", "-A", "127.0.0.2", "-p", factory.MqttPort.ToString(CultureInfo.InvariantCulture), "-u", sharedToken, "-t", "v1/devices/me/telemetry", "-m", """{"clone":1}"""],
            TimeSpan.FromSeconds(10));
        exit.Should().Be(0, output);

        JsonObject report = await Eventually.ReadAsync(() => admin.SendOkAsync(HttpMethod.Post, $"{api}/posture/checks"),
            checkedReport => Finding(checkedReport, "sharedCredentials") is not null);
        report["trigger"]!.GetValue<string>().Should().Be("demand");
        JsonObject shared = Finding(report, "sharedCredentials")!;
        shared["severity"]!.GetValue<string>().Should().Be("critical");
        shared["devices"]!.AsArray().Single()!["deviceId"]!.GetValue<string>().Should().Be("shared");
        shared["devices"]![0]!["detail"]!.GetValue<string>().Should().Contain("127.0.0.1").And.Contain("127.0.0.2");
        Finding(report, "vulnerableSoftware")!["devices"]!.AsArray().Single()!["detail"]!.GetValue<string>().Should().Contain("CVE-2026-0001");
        Finding(report, "certificatesExpiring")!["devices"]!.AsArray().Single()!["deviceId"]!.GetValue<string>().Should().Be("holder", "a 20-day certificate expires within 30 days");
        Finding(report, "caExpiring").Should().BeNull("the CA lives ten years");
        Finding(report, "dormantDevices").Should().BeNull("every device was registered today");
        (await admin.GetAsync($"{api}/posture/findings"))["checkedAt"]!.GetValue<DateTimeOffset>().Should().Be(report["checkedAt"]!.GetValue<DateTimeOffset>());

        JsonArray alerts = (await admin.GetEventuallyAsync($"{api}/alerts?state=activeUnacknowledged", page => page["items"]!.AsArray().Count >= 3))["items"]!.AsArray();
        alerts.Should().OnlyContain(alert => alert!["ruleName"]!.GetValue<string>() == "Posture");
        JsonObject raised = await admin.GetAsync($"{api}/alerts/{alerts[0]!["id"]!.GetValue<string>()}");
        raised["event"]!.GetValue<string>().Should().Be("postureFinding");
        raised["details"]!["kind"].Should().NotBeNull();
        await admin.SendOkAsync(HttpMethod.Post, $"{api}/posture/checks");
        (await admin.GetAsync($"{api}/alerts?state=activeUnacknowledged"))["items"]!.AsArray().Should().HaveCount(alerts.Count, "a finding with no new device raises nothing again");

        JsonObject mitigation = shared["mitigation"]!.AsObject();
        mitigation["actions"]!.AsArray().Select(action => action!.GetValue<string>()).Should().Contain("rotateTokens");
        long incident = (await admin.SendOkAsync(HttpMethod.Post, $"{api}/incidents", mitigation))["id"]!.GetValue<long>();
        JsonObject contained = await admin.GetEventuallyAsync($"{api}/incidents/{incident}", body => body["status"]!.GetValue<string>() == "contained");
        contained["progress"]!["contained"]!.GetValue<int>().Should().Be(1);
        await FluentActions.Awaiting(() => DeviceMqttClient.ConnectAsync(factory.MqttPort, sharedToken)).Should().ThrowAsync<DeviceConnectRefusedException>();
    }

    [Fact]
    public async Task SettingsAreCheckedFieldByFieldAndAViewerSeesOnlyItsClustersFindings()
    {
        Access.ScopedTenant tenant = await Access.ScopedTenant.CreateAsync(factory);
        await (await tenant.Admin.SendAsync(HttpMethod.Put, tenant.Path("/posture/settings"), new { expiringWithinDays = 0 })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "expiringWithinDays");
        await (await tenant.Admin.SendAsync(HttpMethod.Put, tenant.Path("/posture/settings"), new { intervalHours = 1000 })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "intervalHours");
        await (await tenant.Admin.SendAsync(HttpMethod.Put, tenant.Path("/posture/settings"), new { vulnerableDistributionSets = new[] { new { distributionSetId = 1, advisory = "" } } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "vulnerableDistributionSets");
        (await tenant.Admin.GetAsync(tenant.Path("/posture/findings")))["checkedAt"].Should().BeNull("nothing was checked yet");

        await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/pki/ca"), new { mode = "managed", certificateLifetimeDays = 5 });
        foreach (string device in new[] { "d1", "d2", "d3" })
        {
            await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path($"/devices/{device}/certificates"), new { csr = await _openssl.NewCsrAsync(device) });
        }

        await tenant.Admin.SendOkAsync(HttpMethod.Put, tenant.Path("/posture/settings"), new { expiringWithinDays = 3650 });
        JsonObject everything = await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/posture/checks"));
        Finding(everything, "caExpiring")!["devices"]!.AsArray().Should().HaveCount(3, "within 3,650 days the ten-year CA ends too");
        using CarmenClient viewer = await tenant.MemberAsync(factory, "watcher", "viewer", Access.ScopedTenant.Cluster("c2"));
        JsonObject seen = await viewer.GetAsync(tenant.Path("/posture/findings"));
        Finding(seen, "certificatesExpiring")!["devices"]!.AsArray().Select(device => device!["deviceId"]!.GetValue<string>()).Should().Equal("d2");
        await (await viewer.SendAsync(HttpMethod.Post, tenant.Path("/posture/checks"))).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await viewer.SendAsync(HttpMethod.Put, tenant.Path("/posture/settings"), new { expiringWithinDays = 1 })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    public void Dispose() => _openssl.Dispose();

    internal static JsonObject? Finding(JsonObject report, string kind) =>
        report["findings"]!.AsArray().FirstOrDefault(finding => finding!["kind"]!.GetValue<string>() == kind)?.AsObject();

    /// <summary>d1 installs the set over DDI: assigned, then reported closed with success.</summary>
    private async Task InstallAsync(UpdateSetup setup)
    {
        long actionId = await setup.AssignAsync();
        using HttpClient device = UpdateSetup.Device(factory, setup.DeviceToken);
        (await device.PostAsJsonAsync($"{setup.Controller()}/deploymentBase/{actionId}/feedback",
            new { status = new { execution = "closed", result = new { finished = "success" } } })).StatusCode.Should().Be(HttpStatusCode.OK);
    }
}
