using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Carmen.Node.Tests.Access;
using Carmen.Testing;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Security;

/// <summary>The detection rules: credential stuffing, new sign-in addresses of administrators, network policies, keys at many addresses, webhooks.</summary>
public sealed class DetectionTests(DetectionHost host) : IClassFixture<DetectionHost>
{
    private CarmenApiFactory Factory => host.Factory;

    [Fact]
    public async Task AnAddressFailingAcrossManyAccountsIsBlockedAlertedAndUnblockedAfterItsTime()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(Factory);
        await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/alert-rules"),
            new { name = "Stuffing", severity = "major", scope = new { type = "tenant" }, condition = new { @event = "credentialStuffing" } });
        string[] users = [$"{tenant.Id}-u1", $"{tenant.Id}-u2", $"{tenant.Id}-u3"];
        foreach (string user in users)
        {
            await tenant.Admin.CreateUserAsync(tenant.Id, user, "viewer");
        }

        using HttpClient attacker = Factory.CreateClientFrom(IPAddress.Parse("127.0.0.41"));
        using HttpClient colleague = Factory.CreateClientFrom(IPAddress.Parse("127.0.0.42"));
        foreach (string user in users)
        {
            (await SignInAsync(attacker, tenant.Id, user, "guessed-password-1")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        HttpResponseMessage blocked = await SignInAsync(attacker, tenant.Id, users[0], CarmenClient.UserPassword);
        HttpResponseMessage elsewhere = await SignInAsync(colleague, tenant.Id, users[0], CarmenClient.UserPassword);
        JsonObject platformAlerts = await tenant.Admin.GetEventuallyAsync("/api/v1/platform/alerts",
            page => page["items"]!.AsArray().Any(alert => IsStuffing(alert!) && alert!["state"]!.GetValue<string>().StartsWith("active", StringComparison.Ordinal)));
        JsonObject tenantAlerts = await tenant.Admin.GetEventuallyAsync(tenant.Path("/alerts"), page => page["items"]!.AsArray().Count > 0);
        JsonObject tenantAlert = await tenant.Admin.GetAsync(tenant.Path($"/alerts/{tenantAlerts["items"]![0]!["id"]}"));
        host.Clock.Advance(TimeSpan.FromMinutes(31));
        HttpResponseMessage afterBlock = await SignInAsync(attacker, tenant.Id, users[0], CarmenClient.UserPassword);
        JsonArray events = (await tenant.Admin.GetEventuallyAsync("/api/v1/platform/security-events?address=127.0.0.41",
            page => page["events"]!.AsArray().Any(e => e!["type"]!.GetValue<string>() == "address.unblocked")))["events"]!.AsArray();

        await blocked.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        blocked.Headers.RetryAfter!.Delta.Should().BeGreaterThan(TimeSpan.FromMinutes(25));
        elsewhere.StatusCode.Should().Be(HttpStatusCode.OK, "the block is the address's, not the account's");
        tenantAlert["event"]!.GetValue<string>().Should().Be("credentialStuffing");
        tenantAlert["details"]!["address"]!["value"]!.GetValue<string>().Should().Be("127.0.0.41");
        JsonObject platformAlert = await tenant.Admin.GetAsync($"/api/v1/platform/alerts/{platformAlerts["items"]!.AsArray().First(alert => IsStuffing(alert!))!["id"]}");
        platformAlert["details"]!["subject"]!["value"]!.GetValue<string>().Should().Be("127.0.0.41");
        afterBlock.StatusCode.Should().Be(HttpStatusCode.OK, "the block ends after its 30 minutes");
        events.Select(e => e!["type"]!.GetValue<string>()).Should().Contain(["address.blocked", "address.unblocked", "signIn.throttled"]);
        (await tenant.Admin.GetEventuallyAsync("/api/v1/platform/alerts", page => page["items"]!.AsArray()
            .Where(alert => IsStuffing(alert!)).All(alert => alert!["state"]!.GetValue<string>().StartsWith("cleared", StringComparison.Ordinal))))
            .Should().NotBeNull();
    }

    [Fact]
    public async Task AnAdministratorSigningInFromANewAddressIsToldByMail()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(Factory);
        await tenant.Admin.SendOkAsync(HttpMethod.Put, tenant.Path("/settings/smtp"), new { host = "127.0.0.1", port = host.Smtp.Port, security = "none", from = "carmen@example.com" });
        string admin = $"{tenant.Id}-boss";
        await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/users"), new { username = admin, password = CarmenClient.UserPassword, role = "tenantAdmin", email = "boss@example.com" });
        using HttpClient office = Factory.CreateClientFrom(IPAddress.Parse("127.0.0.51"));
        using HttpClient travel = Factory.CreateClientFrom(IPAddress.Parse("127.0.0.52"));
        travel.DefaultRequestHeaders.UserAgent.ParseAdd("HotelKiosk/2.0");

        (await SignInAsync(office, tenant.Id, admin, CarmenClient.UserPassword)).StatusCode.Should().Be(HttpStatusCode.OK);
        (await SignInAsync(travel, tenant.Id, admin, CarmenClient.UserPassword)).StatusCode.Should().Be(HttpStatusCode.OK);
        ReceivedMail mail = await NextMailAsync("New sign-in");

        mail.To.Should().Equal("boss@example.com");
        mail.Data.Should().Contain("127.0.0.52").And.Contain("HotelKiosk/2.0");
        JsonArray events = (await tenant.Admin.GetEventuallyAsync(tenant.Path("/security-events?type=signIn.newClient"),
            page => page["events"]!.AsArray().Count > 0))["events"]!.AsArray();
        events.Should().ContainSingle("the first sign-in is only remembered").Which!["address"]!.GetValue<string>().Should().Be("127.0.0.52");
    }

    [Fact]
    public async Task NetworkPolicyRefusesSignInsAndKeysOutsideItsRangesAndKeysAtManyAddressesRaiseAnAlert()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(Factory);
        await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/alert-rules"),
            new { name = "Key everywhere", severity = "major", scope = new { type = "tenant" }, condition = new { @event = "apiKeyManyAddresses" } });
        string account = (await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/service-accounts"), new { name = "bot" }))["id"]!.GetValue<string>();
        await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/role-assignments"), new { serviceAccountId = account, role = "viewer", scope = ScopedTenant.Tenant });
        string key = (await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path($"/service-accounts/{account}/keys"), new { name = "k" }))["key"]!.GetValue<string>();
        await tenant.Admin.CreateUserAsync(tenant.Id, $"{tenant.Id}-ops", "operator");

        await (await tenant.Admin.SendAsync(HttpMethod.Put, tenant.Path("/network-policy"), new { signIn = new { allow = new[] { "127.0.0.60/31", "nonsense" } } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "signIn.allow[1]");
        JsonObject policy = await tenant.Admin.SendOkAsync(HttpMethod.Put, tenant.Path("/network-policy"),
            new { signIn = new { allow = new[] { "127.0.0.60/31" } }, apiKeys = new { deny = new[] { "127.0.0.70" } } });
        HttpResponseMessage inside = await SignInAsync(Factory.CreateClientFrom(IPAddress.Parse("127.0.0.61")), tenant.Id, $"{tenant.Id}-ops", CarmenClient.UserPassword);
        HttpResponseMessage outside = await SignInAsync(Factory.CreateClientFrom(IPAddress.Parse("127.0.0.62")), tenant.Id, $"{tenant.Id}-ops", CarmenClient.UserPassword);
        HttpResponseMessage denied = await KeyGetAsync(key, "127.0.0.70", tenant.Path("/devices"));
        var allowed = new List<HttpStatusCode>();
        for (int host = 100; host < 110; host++)
        {
            allowed.Add((await KeyGetAsync(key, $"127.0.0.{host}", tenant.Path("/devices"))).StatusCode);
        }

        policy["apiKeys"]!["deny"]![0]!.GetValue<string>().Should().Be("127.0.0.70/32");
        inside.StatusCode.Should().Be(HttpStatusCode.OK);
        await outside.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        denied.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        allowed.Should().AllBeEquivalentTo(HttpStatusCode.OK);
        JsonObject alerts = await tenant.Admin.GetEventuallyAsync(tenant.Path("/alerts"), page => page["items"]!.AsArray().Count > 0);
        alerts["items"]![0]!["ruleName"]!.GetValue<string>().Should().Be("Key everywhere");
        JsonArray refusals = (await tenant.Admin.GetEventuallyAsync(tenant.Path("/security-events?type=apiKey.refused"),
            page => page["events"]!.AsArray().Count > 0))["events"]!.AsArray();
        refusals[0]!["details"]!["reason"]!.GetValue<string>().Should().Be("networkPolicy");
        (await tenant.Admin.GetAsync(tenant.Path("/security-events?type=PUT /network-policy")))["events"]!.AsArray().Should().ContainSingle();
    }

    [Fact]
    public async Task WebhooksThatAskForSecurityEventsReceiveThemSigned()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(Factory);
        string path = "security-" + tenant.Id;
        await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/notification-channels"),
            new { type = "webhook", name = "SIEM hook", url = host.Webhook.BaseUrl + path, secret = "siem-secret-12345", securityEvents = true });
        await tenant.Admin.CreateUserAsync(tenant.Id, $"{tenant.Id}-ops", "operator");

        await SignInAsync(Factory.CreateClientFrom(IPAddress.Parse("127.0.0.81")), tenant.Id, $"{tenant.Id}-ops", "wrong-password-1");
        ReceivedRequest? request = await Eventually.ReadAsync(
            () => Task.FromResult(host.Webhook.Received.LastOrDefault(received =>
                received.Path == "/" + path && System.Text.Encoding.UTF8.GetString(received.Body).Contains("signIn.failed", StringComparison.Ordinal))),
            received => received is not null,
            TimeSpan.FromSeconds(15));
        request.Should().NotBeNull();
        JsonObject posted = JsonNode.Parse(request!.Body)!.AsObject();

        posted["type"]!.GetValue<string>().Should().Be("security.events");
        posted["chain"]!.GetValue<string>().Should().Be(tenant.Id);
        posted["events"]!.AsArray().Should().Contain(e => e!["type"]!.GetValue<string>() == "signIn.failed" && e["address"]!.GetValue<string>() == "127.0.0.81");
        request.Headers["X-Carmen-Signature"].Should().StartWith("sha256=");
    }

    [Fact]
    public async Task AStormOfRefusedMqttCredentialsRaisesAPlatformAlert()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(Factory);
        for (int i = 0; i < 3; i++)
        {
            Func<Task> connect = () => DeviceMqttClient.ConnectAsync(Factory.MqttPort, "storm-" + Guid.NewGuid().ToString("N"));
            await connect.Should().ThrowAsync<DeviceConnectRefusedException>();
        }

        JsonObject alerts = await admin.GetEventuallyAsync("/api/v1/platform/alerts",
            page => page["items"]!.AsArray().Any(alert => alert!["ruleName"]!.GetValue<string>() == "Storm of refused MQTT credentials"));

        JsonNode storm = alerts["items"]!.AsArray().First(alert => alert!["ruleName"]!.GetValue<string>() == "Storm of refused MQTT credentials")!;
        storm["severity"]!.GetValue<string>().Should().Be("major");
    }

    private static bool IsStuffing(JsonNode alert) => alert["ruleName"]!.GetValue<string>() == "Credential stuffing: address blocked";

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string tenant, string username, string password) =>
        client.PostAsJsonAsync("/api/v1/auth/token", new { username, password, tenant });

    private Task<HttpResponseMessage> KeyGetAsync(string key, string address, string path)
    {
        HttpClient client = Factory.CreateClientFrom(IPAddress.Parse(address));
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client.GetAsync(new Uri(path, UriKind.Relative));
    }

    private async Task<ReceivedMail> NextMailAsync(string subject)
    {
        ReceivedMail mail = await host.Smtp.NextAsync();
        return mail.Data.Contains(subject, StringComparison.Ordinal) ? mail : await NextMailAsync(subject);
    }
}
