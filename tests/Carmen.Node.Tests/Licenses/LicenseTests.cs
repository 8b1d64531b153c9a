using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Carmen.Node.Tests.Gateways;
using Carmen.Node.Tests.Provisioning;
using Carmen.Testing;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Licenses;

/// <summary>
/// Signed licenses: issued by the platform, verified offline with openssl, refused when one byte changed, when signed
/// by a foreign key or when issued to another tenant; enforced where devices and users are admitted and features used.
/// </summary>
public sealed class LicenseTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>, IDisposable
{
    private readonly OpenSsl _openssl = new();

    [Fact]
    public async Task AnIssuedLicenseVerifiesOfflineAndATamperedForeignOrMisaddressedOneIsRefused()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        string other = await admin.CreateTenantAsync();

        JsonObject issued = await IssueAsync(admin, tenant, new { devices = 10, users = 5, features = new[] { "ota" } });
        JsonObject document = issued["document"]!.AsObject();
        string pem = (await admin.GetAsync("/api/v1/platform/license-keys"))["items"]![0]!["pem"]!.GetValue<string>();
        await _openssl.WriteAsync("license-key.pem", pem);
        await File.WriteAllBytesAsync(_openssl.PathOf("payload.json"), Convert.FromBase64String(document["payload"]!.GetValue<string>()));
        await File.WriteAllBytesAsync(_openssl.PathOf("signature.bin"), Convert.FromBase64String(document["signature"]!.GetValue<string>()));
        string[] verify = ["pkeyutl", "-verify", "-pubin", "-inkey", _openssl.PathOf("license-key.pem"), "-rawin", "-in", _openssl.PathOf("payload.json"), "-sigfile", _openssl.PathOf("signature.bin")];

        issued["license"]!["status"]!.GetValue<string>().Should().Be("valid");
        document["format"]!.GetValue<string>().Should().Be("carmen-license/1");
        (await _openssl.RunAsync(verify)).Should().Contain("Signature Verified Successfully");
        JsonObject terms = JsonNode.Parse(await File.ReadAllTextAsync(_openssl.PathOf("payload.json")))!.AsObject();
        terms["tenantId"]!.GetValue<string>().Should().Be(tenant);
        terms["entitlements"]!["devices"]!.GetValue<int>().Should().Be(10);

        string payload = await File.ReadAllTextAsync(_openssl.PathOf("payload.json"));
        string tampered = payload.Replace("\"devices\":10", "\"devices\":90", StringComparison.Ordinal);
        tampered.Should().NotBe(payload);
        await File.WriteAllTextAsync(_openssl.PathOf("payload.json"), tampered);
        (await _openssl.TryAsync(verify)).ExitCode.Should().NotBe(0, "openssl refuses the changed document too");
        await (await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/licenses", Document(document, payload: tampered)))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "signature");

        await _openssl.RunAsync("genpkey", "-algorithm", "ed25519", "-out", _openssl.PathOf("foreign.pem"));
        await _openssl.RunAsync("pkeyutl", "-sign", "-rawin", "-inkey", _openssl.PathOf("foreign.pem"), "-in", _openssl.PathOf("payload.json"), "-out", _openssl.PathOf("foreign.sig"));
        await (await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/licenses",
            Document(document, payload: tampered, keyId: "0123456789abcdef", signature: await File.ReadAllBytesAsync(_openssl.PathOf("foreign.sig")))))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "keyId");

        await (await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{other}/licenses", document)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "tenantId");
        JsonObject again = await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/licenses", document);
        again["id"]!.GetValue<string>().Should().Be(issued["license"]!["id"]!.GetValue<string>(), "importing the same document again changes nothing");
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/licenses"))["items"]!.AsArray().Should().HaveCount(1);
        (await admin.GetAsync($"/api/v1/tenants/{other}/licenses"))["items"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task DevicesBeyondTheAllowanceAreRefusedAtEveryAdmissionNamingTheEntitlement()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        string api = $"/api/v1/tenants/{tenant}";
        (string key, string secret) = await admin.ProfileAsync(tenant);
        await IssueAsync(admin, tenant, new { devices = 2, users = 10, features = new[] { "ota" } }, overagePercent: 50);

        await admin.CreateDeviceAsync(tenant, "d1");
        await admin.CreateDeviceAsync(tenant, "d2");
        await admin.CreateDeviceAsync(tenant, "d3"); // the overage: 2 entitled, 3 admitted
        JsonObject refused = await (await admin.SendAsync(HttpMethod.Post, $"{api}/devices", new { id = "d4", name = "d4", clusterId = "c1" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        JsonObject usage = await admin.GetAsync($"{api}/license-usage");
        await admin.SendOkAsync(HttpMethod.Delete, $"{api}/devices/d3"); // frees its seat at once
        JsonObject import = await admin.SendOkAsync(HttpMethod.Post, $"{api}/devices/bulk?wait=20", new object[] { new { id = "b1", clusterId = "c1" }, new { id = "b2", clusterId = "c1" } });
        await using DeviceMqttClient provisioning = await ProvisioningHost.ConnectAsync(factory.MqttPort);
        JsonObject provisioned = await provisioning.RequestAsync(new { deviceName = "p1", provisionDeviceKey = key, provisionDeviceSecret = secret });

        refused["entitlement"]!.GetValue<string>().Should().Be("devices");
        usage["licensed"]!.GetValue<bool>().Should().BeTrue();
        usage["devices"]!.ToJsonString().Should().Be("""{"entitled":2,"allowance":3,"used":3}""");
        import["rows"]!.AsArray().Select(row => row!["status"]!.GetValue<string>()).Should().Equal("created", "failed");
        import["rows"]![1]!["errors"]![0]!["entitlement"]!.GetValue<string>().Should().Be("devices");
        import["rows"]![1]!["errors"]![0]!["status"]!.GetValue<int>().Should().Be(403);
        provisioned["status"]!.GetValue<string>().Should().Be("FAILURE");
        (await admin.SendAsync(HttpMethod.Get, $"{api}/devices/p1")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UsersAndInvitationsBeyondTheAllowanceAreRefused()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync(); // with its administrator: one user
        string api = $"/api/v1/tenants/{tenant}";
        await IssueAsync(admin, tenant, new { devices = 10, users = 2, features = Array.Empty<string>() });

        await admin.CreateUserAsync(tenant, "second", "operator");
        JsonObject refused = await (await admin.SendAsync(HttpMethod.Post, $"{api}/users", new { username = "third", password = CarmenClient.UserPassword, role = "operator" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        JsonObject invitation = await (await admin.SendAsync(HttpMethod.Post, $"{api}/invitations", new { email = "x@example.com", role = "viewer", scope = new { type = "tenant" } }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        refused["entitlement"]!.GetValue<string>().Should().Be("users");
        invitation["entitlement"]!.GetValue<string>().Should().Be("users");
        (await admin.GetAsync($"{api}/license-usage"))["users"]!.ToJsonString().Should().Be("""{"entitled":2,"allowance":2,"used":2}""");
    }

    [Fact]
    public async Task AFeatureTheLicensesDoNotGrantAnswers403NamingIt()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        string api = $"/api/v1/tenants/{tenant}";
        await IssueAsync(admin, tenant, new { devices = 10, users = 10, features = new[] { "pki" } });

        JsonObject ota = await (await admin.SendAsync(HttpMethod.Post, $"{api}/software-modules", new { type = "firmware", name = "fw", version = "1.0" }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await admin.SendOkAsync(HttpMethod.Post, $"{api}/pki/ca", new { mode = "managed" });

        ota["entitlement"]!.GetValue<string>().Should().Be("ota");
        (await admin.GetAsync($"{api}/license-usage"))["features"]!.AsArray().Select(feature => feature!.GetValue<string>()).Should().Equal("pki");
    }

    [Fact]
    public async Task LicensesAreOnlyIssuedByPlatformAdministratorsAndReadByTheirTenant()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        string tenant = await admin.CreateTenantAsync();
        string other = await admin.CreateTenantAsync();
        JsonObject issued = await IssueAsync(admin, tenant, new { devices = 1 });
        string id = issued["license"]!["id"]!.GetValue<string>();
        using CarmenClient tenantAdmin = await CarmenClient.SignInAsync(factory, tenant, $"{tenant}-admin", CarmenClient.UserPassword);
        using CarmenClient otherAdmin = await CarmenClient.SignInAsync(factory, other, $"{other}-admin", CarmenClient.UserPassword);

        (await tenantAdmin.SendAsync(HttpMethod.Post, "/api/v1/platform/licenses", new { tenantId = tenant, plan = "Free", entitlements = new { devices = 1000 } }))
            .StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await tenantAdmin.GetAsync($"/api/v1/tenants/{tenant}/licenses/{id}"))["plan"]!.GetValue<string>().Should().Be("Test plan");
        HttpResponseMessage file = await tenantAdmin.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{tenant}/licenses/{id}/document");
        file.Content.Headers.ContentDisposition!.FileName.Should().Contain(".license.json");
        JsonNode.Parse(await file.Content.ReadAsStringAsync())!["signature"]!.GetValue<string>().Should().Be(issued["document"]!["signature"]!.GetValue<string>());
        (await tenantAdmin.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{tenant}/licenses/no-such-license/document")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await otherAdmin.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{tenant}/licenses/{id}")).StatusCode.Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
        (await otherAdmin.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{tenant}/license-usage")).StatusCode.Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
        (await otherAdmin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/licenses", issued["document"])).StatusCode.Should().BeOneOf(HttpStatusCode.NotFound, HttpStatusCode.Forbidden);
        (await otherAdmin.SendAsync(HttpMethod.Get, $"/api/v1/tenants/{other}/licenses/{id}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AGatewaysChildBeyondTheAllowanceIsNotRegistered()
    {
        (CarmenClient admin, string tenant, string token) = await GatewayHost.TenantWithGatewayAsync(factory);
        string api = $"/api/v1/tenants/{tenant}";
        await IssueAsync(admin, tenant, new { devices = 2 }); // the gateway and one child
        await using DeviceMqttClient gateway = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);

        await gateway.PublishAsync("v1/gateway/connect", """{"device":"first-child"}""");
        await gateway.PublishAsync("v1/gateway/connect", """{"device":"second-child"}""");
        await gateway.PublishAsync("v1/gateway/telemetry", """{"second-child":{"t":1}}""");

        (await admin.GetAsync($"{api}/devices?gatewayId=gw"))["items"]!.AsArray().Select(child => child!["name"]!.GetValue<string>()).Should().Equal("first-child");
        (await admin.GetAsync($"{api}/license-usage"))["devices"]!["used"]!.GetValue<int>().Should().Be(2);
    }

    public void Dispose() => _openssl.Dispose();

    internal static async Task<JsonObject> IssueAsync(CarmenClient admin, string tenant, object entitlements, int overagePercent = 0,
        DateTimeOffset? validFrom = null, int days = 30, int graceDays = 0, string expirationStrategy = "restrict", string? renews = null) =>
        await admin.SendOkAsync(HttpMethod.Post, "/api/v1/platform/licenses", new
        {
            tenantId = tenant, plan = "Test plan", entitlements, validFrom, validUntil = (validFrom ?? DateTimeOffset.UtcNow).AddDays(days), graceDays, overagePercent, expirationStrategy, renews,
        });

    private static JsonObject Document(JsonObject document, string payload, string? keyId = null, byte[]? signature = null) => new()
    {
        ["format"] = document["format"]!.GetValue<string>(),
        ["keyId"] = keyId ?? document["keyId"]!.GetValue<string>(),
        ["payload"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)),
        ["signature"] = signature is null ? document["signature"]!.GetValue<string>() : Convert.ToBase64String(signature),
    };
}
