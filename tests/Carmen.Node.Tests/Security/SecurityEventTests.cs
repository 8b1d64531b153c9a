using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Carmen.Node.Tests.Access;
using Carmen.Testing;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Security;

/// <summary>Each source of security events records into the right trail, with who, from where and how.</summary>
public sealed class SecurityEventTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task SignInsSucceededAndFailedAreRecordedWithAddressUserAgentAndMethod()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        using CarmenClient member = await tenant.MemberAsync(factory, "ops", "operator", ScopedTenant.Tenant);
        using HttpClient anonymous = factory.CreateClientFrom(IPAddress.Parse("127.0.0.21"));
        anonymous.DefaultRequestHeaders.UserAgent.ParseAdd("SecurityEventTests/1.0");
        string username = $"{tenant.Id}-ops";
        await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username, password = "wrong-password-1", tenant = tenant.Id });
        await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username, password = CarmenClient.UserPassword, tenant = tenant.Id });
        await anonymous.PostAsJsonAsync("/api/v1/auth/token", new { username = "nobody", password = "wrong-password-1", tenant = "no-such-tenant" });

        JsonArray events = (await tenant.Admin.GetEventuallyAsync(tenant.Path($"/security-events?actor={username}"),
            page => page["events"]!.AsArray().Count(e => e!["type"]!.GetValue<string>().StartsWith("signIn.", StringComparison.Ordinal)) >= 3))["events"]!.AsArray();
        JsonArray platform = (await tenant.Admin.GetEventuallyAsync("/api/v1/platform/security-events?type=signIn.failed&actor=nobody",
            page => page["events"]!.AsArray().Count > 0))["events"]!.AsArray();

        JsonObject failed = events.First(e => e!["type"]!.GetValue<string>() == "signIn.failed")!.AsObject();
        JsonObject succeeded = events.First(e => e!["type"]!.GetValue<string>() == "signIn.succeeded" && e["userAgent"] is not null)!.AsObject();
        failed["details"]!["method"]!.GetValue<string>().Should().Be("password");
        failed["userAgent"]!.GetValue<string>().Should().Be("SecurityEventTests/1.0");
        failed["address"]!.GetValue<string>().Should().Be("127.0.0.21");
        succeeded["source"]!.GetValue<string>().Should().Be("security");
        platform[0]!["details"]!["tenant"]!.GetValue<string>().Should().Be("no-such-tenant", "a tenant that does not exist keeps no trail");
        JsonObject patterns = await tenant.Admin.GetAsync(tenant.Path("/security-events/patterns"));
        JsonObject user = patterns["byUser"]!.AsArray().Single(row => row!["key"]!.GetValue<string>() == username)!.AsObject();
        user["failed"]!.GetValue<int>().Should().Be(1);
        user["succeeded"]!.GetValue<int>().Should().BeGreaterThanOrEqualTo(2);
        patterns["topFailingAddresses"]!.AsArray().Should().NotBeEmpty();
        patterns["changesByActor"]!["admin"]!.GetValue<int>().Should().BeGreaterThan(0, "granting the member's role is a change to access");
    }

    [Fact]
    public async Task AccessChangesAndApiKeysAppearAmongSecurityEvents()
    {
        ScopedTenant tenant = await ScopedTenant.CreateAsync(factory);
        string account = (await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/service-accounts"), new { name = "exporter" }))["id"]!.GetValue<string>();
        await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path("/role-assignments"), new { serviceAccountId = account, role = "viewer", scope = ScopedTenant.Tenant });
        JsonObject key = await tenant.Admin.SendOkAsync(HttpMethod.Post, tenant.Path($"/service-accounts/{account}/keys"), new { name = "nightly" });
        using HttpClient automation = factory.CreateClientFrom(IPAddress.Parse("127.0.0.22"));
        automation.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key["key"]!.GetValue<string>());
        (await automation.GetAsync(new Uri(tenant.Path("/devices"), UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.OK);
        automation.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key["key"]!.GetValue<string>()[..^4] + "AAAA");
        (await automation.GetAsync(new Uri(tenant.Path("/devices"), UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        JsonArray events = (await tenant.Admin.GetEventuallyAsync(tenant.Path("/security-events"),
            page => page["events"]!.AsArray().Any(e => e!["type"]!.GetValue<string>() == "apiKey.newAddress")))["events"]!.AsArray();
        JsonArray refused = (await tenant.Admin.GetEventuallyAsync("/api/v1/platform/security-events?type=apiKey.refused",
            page => page["events"]!.AsArray().Any(e => e!["actor"]!["keyId"]?.GetValue<string>() == key["id"]!.GetValue<string>())))["events"]!.AsArray();

        string[] types = [.. events.Select(e => e!["type"]!.GetValue<string>())];
        types.Should().Contain(["POST /service-accounts", "POST /role-assignments", "POST /service-accounts/{serviceAccountId}/keys", "apiKey.newAddress"]);
        types.Should().NotContain("POST /devices", "registering devices is a change, not a security event");
        JsonObject used = events.First(e => e!["type"]!.GetValue<string>() == "apiKey.newAddress")!.AsObject();
        used["actor"]!["keyId"]!.GetValue<string>().Should().Be(key["id"]!.GetValue<string>());
        used["address"]!.GetValue<string>().Should().Be("127.0.0.22");
        refused.ToJsonString().Should().NotContain(key["key"]!.GetValue<string>()[^20..], "a key's secret part is never recorded");
    }

    [Fact]
    public async Task RefusedDeviceCredentialsOverMqttAndDdiAreRecordedInThePlatformsTrail()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        await admin.CreateDeviceAsync(tenant, "ddi-1");
        string clientId = "intruder-" + Guid.NewGuid().ToString("N")[..8];
        Func<Task> connect = () => DeviceMqttClient.ConnectAsync(factory.MqttPort, "not-a-token-" + Guid.NewGuid().ToString("N"), clientId);
        await connect.Should().ThrowAsync<DeviceConnectRefusedException>();
        using HttpClient ddi = factory.CreateClient();
        ddi.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("TargetToken", "wrong-token");
        (await ddi.GetAsync(new Uri($"/{tenant}/controller/v1/ddi-1", UriKind.Relative))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        JsonArray mqtt = (await admin.GetEventuallyAsync($"/api/v1/platform/security-events?type=mqtt.connectRefused&actor={clientId}",
            page => page["events"]!.AsArray().Count > 0))["events"]!.AsArray();
        JsonArray ddiEvents = (await admin.GetEventuallyAsync("/api/v1/platform/security-events?type=ddi.authenticationFailed&actor=ddi-1",
            page => page["events"]!.AsArray().Any(e => e!["details"]!["tenant"]!.GetValue<string>() == tenant)))["events"]!.AsArray();

        mqtt[0]!["actor"]!["kind"]!.GetValue<string>().Should().Be("device");
        mqtt[0]!["details"]!["reason"]!.GetValue<string>().Should().Be("badCredentials");
        mqtt.ToJsonString().Should().NotContain("not-a-token-", "the username of a ThingsBoard CONNECT is a token, and never recorded");
        ddiEvents[0]!["details"]!["credential"]!.GetValue<string>().Should().Be("targetToken");
    }
}
