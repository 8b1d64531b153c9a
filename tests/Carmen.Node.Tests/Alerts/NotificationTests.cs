using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Carmen.Testing.Node;
using Carmen.Testing;

namespace Carmen.Node.Tests.Alerts;

/// <summary>
/// Notification end to end: a device's telemetry raises an alert whose rule names an escalation path, and its channels
/// deliver to a real HTTP listener (signed webhook, Slack format) and a real SMTP server on 127.0.0.1.
/// </summary>
public sealed class NotificationTests(LoopbackReceiversHost host) : IClassFixture<LoopbackReceiversHost>, IAsyncLifetime
{
    private CarmenApiFactory Factory => host.Factory;

    private const string Secret = "shared-secret-0123456789";
    private readonly HttpReceiver _receiver = new();
    private readonly SmtpReceiver _smtp = new();

    [Fact]
    public async Task AnAlertReachesASignedWebhookAndSlackAndTheSecretsNeverComeBack()
    {
        (CarmenClient admin, string tenant) = await TenantAsync();
        JsonObject webhook = await admin.SendOkAsync(HttpMethod.Post, Channels(tenant), new { type = "webhook", name = "On call", url = _receiver.BaseUrl + "hook", secret = Secret });
        JsonObject slack = await admin.SendOkAsync(HttpMethod.Post, Channels(tenant), new { type = "slack", name = "Ops room", url = _receiver.BaseUrl + "services/T0/B0/XYZ" });
        long path = await PathAsync(admin, tenant, Id(webhook), Id(slack));
        await RuleAsync(admin, tenant, path);

        string alertId = await RaiseAsync(admin, tenant);
        ReceivedRequest[] requests = [.. (await Task.WhenAll(_receiver.NextAsync(), _receiver.NextAsync())).OrderBy(request => request.Path)];
        JsonObject listed = await admin.GetEventuallyAsync(Channels(tenant, $"/{Id(webhook)}"), channel => channel["deliveries"]!["delivered"]!.GetValue<long>() == 1);

        ReceivedRequest signed = requests.Single(request => request.Path == "/hook");
        string expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), signed.Body));
        signed.Headers["X-Carmen-Signature"].Should().Be(expected, "the receiver recomputes the signature over the raw body");
        signed.Headers.Keys.Should().NotContain(header => header.Equals("traceparent", StringComparison.OrdinalIgnoreCase), "Carmen's trace ids stay inside");
        JsonNode body = JsonNode.Parse(signed.Body)!;
        (Text(body, "tenantId"), Text(body["alert"]!, "id"), Text(body["alert"]!, "severity")).Should().Be((tenant, alertId, "critical"));
        body["alert"]!["details"]!["cpu"]!["value"]!.GetValue<double>().Should().Be(95);
        JsonNode slackBody = JsonNode.Parse(requests.Single(request => request.Path != "/hook").Body)!;
        Text(slackBody, "text").Should().Contain("Hot CPU").And.Contain("pump-1");
        slackBody["attachments"]![0]!["color"]!.GetValue<string>().Should().Be("#d00000", "critical is red");
        webhook.ContainsKey("secret").Should().BeFalse();
        webhook["hasSecret"]!.GetValue<bool>().Should().BeTrue();
        Text(slack, "url").Should().NotContain("XYZ", "a Slack URL's path is its credential");
        listed["deliveries"]!["lastError"].Should().BeNull();
    }

    [Fact]
    public async Task AnEmailChannelMailsEveryRecipientThroughTheTenantsSmtpServer()
    {
        (CarmenClient admin, string tenant) = await TenantAsync();
        JsonObject smtp = await admin.SendOkAsync(HttpMethod.Put, $"/api/v1/tenants/{tenant}/settings/smtp",
            new { host = "127.0.0.1", port = _smtp.Port, security = "none", from = "carmen@example.com", username = "mailer", password = "mail-password" });
        JsonObject email = await admin.SendOkAsync(HttpMethod.Post, Channels(tenant), new { type = "email", name = "Leads", recipients = new[] { "lead@example.com", "manager@example.com" } });
        await RuleAsync(admin, tenant, await PathAsync(admin, tenant, Id(email)));

        await RaiseAsync(admin, tenant);
        ReceivedMail mail = await _smtp.NextAsync();

        mail.To.Should().Equal("lead@example.com", "manager@example.com");
        (mail.From, mail.Username, mail.Password).Should().Be(("carmen@example.com", "mailer", "mail-password"));
        mail.Data.Should().Contain("Subject: [Critical] Hot CPU on pump-1").And.Contain("pump-1 in cluster c1");
        smtp["hasPassword"]!.GetValue<bool>().Should().BeTrue();
        smtp.ContainsKey("password").Should().BeFalse();
    }

    [Theory]
    [InlineData("notification-channels", """{"type":"webhook","name":"x","url":"ftp://example.com"}""", "url")]
    [InlineData("notification-channels", """{"type":"pager","name":"x"}""", "type")]
    [InlineData("notification-channels", """{"type":"slack","name":"x","url":"https://example.com/a","secret":"0123456789abcdef"}""", "secret")]
    [InlineData("notification-channels", """{"type":"email","name":"x","recipients":["ok@example.com","not an address"]}""", "recipients[1]")]
    [InlineData("escalation-paths", """{"name":"x","levels":[{"delayMinutes":0,"channelIds":[999]}]}""", "levels[0].channelIds[0]")]
    [InlineData("escalation-paths", """{"name":"x","levels":[{"delayMinutes":0,"teamIds":[999]}]}""", "levels[0].teamIds[0]")]
    [InlineData("escalation-paths", """{"name":"x","levels":[{"delayMinutes":30,"channelIds":[]},{"delayMinutes":10,"channelIds":[]}]}""", "levels[0]")]
    [InlineData("escalation-paths", """{"name":"x","levels":[]}""", "levels")]
    [InlineData("escalation-paths", """{"name":"x","levels":[{"delayMinutes":0,"teamIds":[]}],"renotifyMinutes":0}""", "renotifyMinutes")]
    [InlineData("teams", """{"name":"x","members":["nobody-here"]}""", "members[0]")]
    [InlineData("teams", """{"name":"x","territories":[{"type":"cluster","id":"nowhere"}]}""", "territories[0].id")]
    [InlineData("teams", """{"name":"x","territories":[{"type":"region","id":"c1"}]}""", "territories[0].type")]
    [InlineData("teams", """{"name":"x","channelIds":[999]}""", "channelIds[0]")]
    [InlineData("alert-rules", """{"name":"x","severity":"major","scope":{"type":"tenant"},"condition":{"key":"cpu","op":"gt","value":1},"escalationPathId":999}""", "escalationPathId")]
    public async Task BadChannelsTeamsAndPathsAreRefusedNamingTheField(string resource, string json, string field)
    {
        (CarmenClient admin, string tenant) = await TenantAsync();

        HttpResponseMessage response = await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/{resource}", new StringContent(json, Encoding.UTF8, "application/json"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);
    }

    [Fact]
    public async Task LevelDelaysMustNotDecrease()
    {
        (CarmenClient admin, string tenant) = await TenantAsync();
        long channel = Id(await admin.SendOkAsync(HttpMethod.Post, Channels(tenant), new { type = "webhook", name = "w", url = _receiver.BaseUrl }));

        HttpResponseMessage response = await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/escalation-paths",
            new { name = "x", levels = new[] { new { delayMinutes = 30, channelIds = new[] { channel } }, new { delayMinutes = 10, channelIds = new[] { channel } } } });

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "levels[1].delayMinutes");
    }

    [Fact]
    public async Task AnotherTenantNeitherSeesNorUsesAChannelTeamOrPath()
    {
        (CarmenClient admin, string tenant) = await TenantAsync();
        string other = await admin.CreateTenantAsync();
        using CarmenClient otherAdmin = await CarmenClient.SignInAsync(Factory, other, $"{other}-admin", CarmenClient.UserPassword);
        long channel = Id(await admin.SendOkAsync(HttpMethod.Post, Channels(tenant), new { type = "webhook", name = "Mine", url = _receiver.BaseUrl }));
        long team = Id(await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/teams", new { name = "Mine", channelIds = new[] { channel } }));
        long path = await PathAsync(admin, tenant, channel);

        HttpResponseMessage read = await otherAdmin.SendAsync(HttpMethod.Get, Channels(tenant, $"/{channel}"));
        HttpResponseMessage readThroughOwn = await otherAdmin.SendAsync(HttpMethod.Get, Channels(other, $"/{channel}"));
        HttpResponseMessage teamThroughOwn = await otherAdmin.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{other}/teams/{team}");
        HttpResponseMessage pathThroughOwn = await otherAdmin.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{other}/escalation-paths/{path}");
        HttpResponseMessage usesChannel = await otherAdmin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{other}/escalation-paths",
            new { name = "Borrowed", levels = new[] { new { delayMinutes = 0, channelIds = new[] { channel } } } });
        HttpResponseMessage usesPath = await otherAdmin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{other}/alert-rules",
            new { name = "Borrowed", severity = "major", scope = new { type = "tenant" }, condition = new { key = "cpu", op = "gt", value = 1 }, escalationPathId = path });
        JsonObject ownChannels = await otherAdmin.GetAsync(Channels(other));
        await admin.CreateUserAsync(tenant, $"{tenant}-viewer", "viewer");
        using CarmenClient viewer = await CarmenClient.SignInAsync(Factory, tenant, $"{tenant}-viewer", CarmenClient.UserPassword);
        HttpResponseMessage viewerRead = await viewer.SendAsync(HttpMethod.Get, Channels(tenant));

        read.StatusCode.Should().Be(HttpStatusCode.NotFound);
        readThroughOwn.StatusCode.Should().Be(HttpStatusCode.NotFound);
        teamThroughOwn.StatusCode.Should().Be(HttpStatusCode.NotFound);
        pathThroughOwn.StatusCode.Should().Be(HttpStatusCode.NotFound);
        await usesChannel.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "levels[0].channelIds[0]");
        await usesPath.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "escalationPathId");
        ownChannels["items"]!.AsArray().Should().BeEmpty();
        viewerRead.StatusCode.Should().Be(HttpStatusCode.Forbidden, "a webhook URL may carry a credential: channels are for tenant admins");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private async Task<(CarmenClient Admin, string Tenant)> TenantAsync()
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(Factory);
        return (admin, await admin.CreateTenantAsync());
    }

    private static async Task<long> PathAsync(CarmenClient admin, string tenant, params long[] channelIds) =>
        Id(await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/escalation-paths",
            new { name = "At once", levels = new[] { new { delayMinutes = 0, channelIds } } }));

    private static Task<JsonObject> RuleAsync(CarmenClient admin, string tenant, long escalationPathId) =>
        admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/alert-rules", new
        {
            name = "Hot CPU", severity = "critical", scope = new { type = "tenant" }, condition = new { key = "cpu", op = "gt", value = 80 }, escalationPathId,
        });

    /// <summary>Sends a hot reading until the alert is raised (the rule reaches the device's silo within seconds).</summary>
    private async Task<string> RaiseAsync(CarmenClient admin, string tenant)
    {
        string token = (await admin.CreateDeviceAsync(tenant, "pump-1"))["accessToken"]!.GetValue<string>();
        await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(Factory.MqttPort, token);
        JsonObject page = await Eventually.ReadAsync(
            async () =>
            {
                (await device.PublishAsync("v1/devices/me/telemetry", """{"cpu":95}""")).IsSuccess.Should().BeTrue();
                return await admin.GetAsync($"/api/v1/tenants/{tenant}/alerts");
            },
            page => page["items"]!.AsArray().Count > 0);
        page["items"]!.AsArray().Should().NotBeEmpty("the rule raises within seconds");
        return Text(page["items"]![0]!, "id");
    }

    private static string Channels(string tenant, string rest = "") => $"/api/v1/tenants/{tenant}/notification-channels{rest}";

    private static long Id(JsonObject resource) => resource["id"]!.GetValue<long>();

    private static string Text(JsonNode node, string field) => node[field]!.GetValue<string>();
}
