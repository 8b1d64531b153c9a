using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Carmen.Node.Tests.Alerts;
using Carmen.Testing;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Access;

/// <summary>
/// Invitations end to end through a real SMTP dialogue on 127.0.0.1: the link arrives by mail (only there), works
/// once, and every step of its life is recorded; resend voids the old link, revoke voids it too.
/// </summary>
public sealed partial class InvitationTests(LoopbackReceiversHost host) : IClassFixture<LoopbackReceiversHost>, IAsyncLifetime
{
    private readonly SmtpReceiver _smtp = new();
    private readonly HttpReceiver _webhook = new();

    private CarmenApiFactory Factory => host.Factory;

    [Fact]
    public async Task InviteeAcceptsWithANewAccountSignsInAndHoldsTheRoleAtTheScope()
    {
        ScopedTenant tenant = await TenantWithMailAsync();

        JsonObject invited = await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/invitations"),
            new { email = "nora@example.com", role = "operator", scope = ScopedTenant.Cluster("c1") });
        ReceivedMail mail = await InvitationMailAsync();
        string token = TokenIn(mail);
        JsonObject accepted = await Anonymous().SendOkAsync(HttpMethod.Post, "/api/v1/invitations/accept", new { token, username = "nora", password = CarmenClient.UserPassword });
        using CarmenClient nora = await CarmenClient.SignInAsync(Factory, tenant.Id, "nora", CarmenClient.UserPassword);
        HttpResponseMessage again = await Anonymous().SendAsync(HttpMethod.Post, "/api/v1/invitations/accept", new { token, username = "nora2", password = CarmenClient.UserPassword });

        invited["status"]!.GetValue<string>().Should().Be("pending");
        invited["mail"]!["sentAt"].Should().NotBeNull();
        invited.ToJsonString().Should().NotContain(token, "the link is only in the mail");
        (DateTimeOffset.Parse(invited["expiresAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture) - DateTimeOffset.UtcNow)
            .Should().BeCloseTo(TimeSpan.FromHours(72), TimeSpan.FromMinutes(5));
        mail.To.Should().Equal("nora@example.com");
        mail.Data.Should().Contain($"\"{tenant.Id}\"", "the mail says which tenant to sign in to");
        (accepted["username"]!.GetValue<string>(), accepted["newUser"]!.GetValue<bool>()).Should().Be(("nora", true));
        (await nora.GetAsync(tenant.Path("/devices")))["items"]!.AsArray().Select(device => device!["id"]!.GetValue<string>()).Should().Equal("d1");
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        JsonObject record = await tenant.Admin.GetAsync(tenant.Path($"/invitations/{invited["id"]}"));
        record["status"]!.GetValue<string>().Should().Be("accepted");
        record["acceptedBy"]!.GetValue<string>().Should().Be("nora");
        record["history"]!.AsArray().Select(step => step!["action"]!.GetValue<string>()).Should().Equal("invited", "accepted");
        (await tenant.Admin.GetAsync(tenant.Path("/invitations?status=pending")))["items"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task ResendVoidsTheOldLinkAndRevokeVoidsTheNewOne()
    {
        ScopedTenant tenant = await TenantWithMailAsync();
        string id = (await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/invitations"),
            new { email = "omar@example.com", role = "viewer", scope = ScopedTenant.Unit("bu") }))["id"]!.GetValue<string>();
        string first = TokenIn(await InvitationMailAsync());

        await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path($"/invitations/{id}/resend"));
        string second = TokenIn(await InvitationMailAsync());
        HttpResponseMessage withOld = await Anonymous().SendAsync(HttpMethod.Post, "/api/v1/invitations/accept", new { token = first, username = "omar", password = CarmenClient.UserPassword });
        JsonObject revoked = await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path($"/invitations/{id}/revoke"));
        HttpResponseMessage withNew = await Anonymous().SendAsync(HttpMethod.Post, "/api/v1/invitations/accept", new { token = second, username = "omar", password = CarmenClient.UserPassword });

        second.Should().NotBe(first);
        await withOld.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await withNew.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        revoked["status"]!.GetValue<string>().Should().Be("revoked");
        revoked["history"]!.AsArray().Select(step => (step!["action"]!.GetValue<string>(), step["by"]!.GetValue<string>()))
            .Should().Equal(("invited", "admin"), ("resent", "admin"), ("revoked", "admin"));
        (await tenant.Admin.GetAsync(tenant.Path("/users"))).ToJsonString().Should().NotContain("omar");
    }

    [Fact]
    public async Task ExistingUserProvesItsPasswordAndGetsTheRoleAdded()
    {
        ScopedTenant tenant = await TenantWithMailAsync();
        await tenant.Admin.CreateUserAsync(tenant.Id, $"{tenant.Id}-pia", "member");
        await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/invitations"), new { email = "pia@example.com", role = "viewer", scope = ScopedTenant.Cluster("c3") });
        string token = TokenIn(await InvitationMailAsync());

        HttpResponseMessage wrong = await Anonymous().SendAsync(HttpMethod.Post, "/api/v1/invitations/accept", new { token, username = $"{tenant.Id}-pia", password = "not-her-password" });
        JsonObject accepted = await Anonymous().SendOkAsync(HttpMethod.Post, "/api/v1/invitations/accept", new { token, username = $"{tenant.Id}-pia", password = CarmenClient.UserPassword });

        await wrong.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "password");
        accepted["newUser"]!.GetValue<bool>().Should().BeFalse();
        using CarmenClient pia = await CarmenClient.SignInAsync(Factory, tenant.Id, $"{tenant.Id}-pia", CarmenClient.UserPassword);
        (await pia.GetAsync(tenant.Path("/devices")))["items"]!.AsArray().Select(device => device!["id"]!.GetValue<string>()).Should().Equal("d3");
    }

    [Fact]
    public async Task InvitationsAreRefusedAboveTheInvitersLevelPastTheCapAndTheUserLimitAndWithoutAMailServer()
    {
        ScopedTenant tenant = await TenantWithMailAsync();
        using CarmenClient maria = await tenant.MemberAsync(Factory, "maria", "businessUnitManager", ScopedTenant.Unit("bu"));
        await tenant.Admin.SendOkAsync(HttpMethod.Patch, tenant.Path(""), new { settings = new Dictionary<string, string> { ["invitations.maxLifetimeHours"] = "24" }, limits = new { maxUsers = 4 } });

        await (await maria.SendAsync(HttpMethod.Post, tenant.Path("/invitations"), new { email = "x@example.com", role = "tenantAdmin", scope = ScopedTenant.Tenant }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await maria.SendAsync(HttpMethod.Post, tenant.Path("/invitations"), new { email = "x@example.com", role = "operator", scope = ScopedTenant.Cluster("c3") }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "scope.id");
        await (await maria.SendAsync(HttpMethod.Post, tenant.Path("/invitations"), new { email = "x@example.com", role = "operator", scope = ScopedTenant.Cluster("c1"), expiresInHours = 48 }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "expiresInHours");
        await (await maria.SendAsync(HttpMethod.Post, tenant.Path("/invitations"), new { email = "not-an-address", role = "operator", scope = ScopedTenant.Cluster("c1") }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "email");
        await maria.SendOkAsync(HttpMethod.Post, tenant.Path("/invitations"), new { email = "x@example.com", role = "operator", scope = ScopedTenant.Cluster("c1"), expiresInHours = 24 });
        await maria.SendOkAsync(HttpMethod.Post, tenant.Path("/invitations"), new { email = "y@example.com", role = "operator", scope = ScopedTenant.Cluster("c2") });
        await (await maria.SendAsync(HttpMethod.Post, tenant.Path("/invitations"), new { email = "z@example.com", role = "viewer", scope = ScopedTenant.Cluster("c1") }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict); // admin + maria + two pending = 4

        ScopedTenant silent = await ScopedTenant.CreateAsync(Factory);
        await (await silent.Admin.SendAsync(HttpMethod.Post, silent.Path("/invitations"), new { email = "q@example.com", role = "viewer", scope = ScopedTenant.Tenant }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task GrantingAndRemovingAccessMailsTheUserAndSignsAnEventToWebhooksThatAskedForThem()
    {
        ScopedTenant tenant = await TenantWithMailAsync();
        await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/notification-channels"),
            new { type = "webhook", name = "Access feed", url = _webhook.BaseUrl + "access", secret = "access-feed-secret-123", accessEvents = true });
        await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/notification-channels"), new { type = "webhook", name = "Alerts only", url = _webhook.BaseUrl + "alerts" });
        await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/users"),
            new { username = $"{tenant.Id}-quinn", password = CarmenClient.UserPassword, role = "member", email = "quinn@example.com" });
        ReceivedMail welcome = await AccessMailAsync();

        long id = (await tenant.AssignAsync($"{tenant.Id}-quinn", "operator", ScopedTenant.Cluster("c1")))["id"]!.GetValue<long>();
        ReceivedMail granted = await AccessMailAsync();
        JsonObject grantEvent = await AccessEventAsync(json => json["changes"]![0]!["kind"]!.GetValue<string>() == "granted");
        await tenant.Admin.SendOkAsync(HttpMethod.Delete, tenant.Path($"/role-assignments/{id}"));
        ReceivedMail removed = await AccessMailAsync();

        welcome.To.Should().Equal("quinn@example.com");
        welcome.Data.Should().Contain("made your tenant-wide role member");
        granted.Data.Should().Contain("admin gave you the role operator at cluster 'c1'");
        removed.Data.Should().Contain("admin took the role operator at cluster 'c1' from you");
        grantEvent["type"]!.GetValue<string>().Should().Be("access.changed");
        JsonNode change = grantEvent["changes"]![0]!;
        (change["userId"]!.GetValue<string>(), change["role"]!.GetValue<string>(), change["scope"]!["id"]!.GetValue<string>(), change["by"]!.GetValue<string>())
            .Should().Be(($"{tenant.Id}-quinn", "operator", "c1", "admin"));
        _webhook.Received.Should().OnlyContain(request => request.Path == "/access", "a webhook gets access events only when it asked for them");
        _webhook.Received.Should().OnlyContain(request => request.Headers["X-Carmen-Signature"].StartsWith("sha256=", StringComparison.Ordinal));
        (await tenant.Admin.GetAsync(tenant.Path($"/users"))).ToJsonString().Should().Contain("quinn@example.com");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        await _webhook.DisposeAsync();
    }

    /// <summary>The next access.changed event the webhook received that matches.</summary>
    private async Task<JsonObject> AccessEventAsync(Func<JsonObject, bool> matches)
    {
        JsonObject body = JsonNode.Parse((await _webhook.NextAsync()).Body)!.AsObject();
        return matches(body) ? body : await AccessEventAsync(matches);
    }

    private async Task<ScopedTenant> TenantWithMailAsync()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(Factory);
        await tenant.Admin.SendOkAsync(HttpMethod.Put, tenant.Path("/settings/smtp"), new { host = "127.0.0.1", port = _smtp.Port, security = "none", from = "carmen@example.com" });
        return tenant;
    }

    private CarmenClient Anonymous() => new(Factory.CreateClient());

    /// <summary>The next invitation mail; mails about access changes in between are passed over.</summary>
    private async Task<ReceivedMail> InvitationMailAsync()
    {
        ReceivedMail mail = await _smtp.NextAsync();
        return mail.Data.Contains("X-Carmen-Invitation:", StringComparison.Ordinal) ? mail : await InvitationMailAsync();
    }

    /// <summary>The next mail about an access change.</summary>
    private async Task<ReceivedMail> AccessMailAsync()
    {
        ReceivedMail mail = await _smtp.NextAsync();
        return mail.Data.Contains("X-Carmen-Access-Change:", StringComparison.Ordinal) ? mail : await AccessMailAsync();
    }

    private static string TokenIn(ReceivedMail mail) => LinkPattern().Match(mail.Data.Replace("=\r\n", "", StringComparison.Ordinal)).Groups[1].Value;

    [GeneratedRegex(@"/invitations/([a-z0-9-]+\.[A-Za-z0-9_-]{43})")]
    private static partial Regex LinkPattern();
}
