using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Carmen.Testing;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Pki;

/// <summary>
/// Bring-your-own PKI: a tenant imports its own CA (made by openssl, as a customer's PKI would be), and a device with
/// a certificate of that CA, which Carmen never issued, signs in with Debian's mosquitto_pub: registered at its first
/// sign-in in the tenant's chosen cluster, refused once revoked; a certificate of another CA with the same name is
/// refused, the same CA cannot be imported by a second tenant, and a CA imported without its key issues nothing.
/// </summary>
public sealed class ImportedCaTests : IAsyncLifetime
{
    private const string ServerPassword = "byo-test";
    private readonly string _serverPfx = Path.Combine(Path.GetTempPath(), $"carmen-byo-{Guid.NewGuid():N}.pfx");
    private readonly int _tlsPort = FreePorts.Next();
    private readonly CarmenApiFactory _factory;
    private readonly OpenSsl _openssl = new();

    public ImportedCaTests()
    {
        TestCertificates.WritePfx(_serverPfx, "CN=localhost", ServerPassword, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), _openssl.PathOf("server.pem"));
        _factory = new CarmenApiFactory
        {
            Settings = new Dictionary<string, string>
            {
                ["Carmen:Mqtt:CertificatePath"] = _serverPfx,
                ["Carmen:Mqtt:CertificatePassword"] = ServerPassword,
                ["Carmen:Mqtt:TlsPort"] = _tlsPort.ToString(CultureInfo.InvariantCulture),
                ["Carmen:Ddi:ClientCertificates:TrustedProxies:0"] = "127.0.0.1",
            },
        };
    }

    [MosquittoFact]
    public async Task ADeviceWithACertificateOfTheTenantsOwnCaIsRegisteredAtItsFirstSignInAndRefusedOnceRevoked()
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(_factory);
        string tenant = await admin.CreateTenantAsync();
        string api = $"/api/v1/tenants/{tenant}";
        await NewRootAsync("acme-root", "Acme Devices Root");
        await IssueAsync("acme-root", "sensor-9", withAuthorityKeyId: true);
        await IssueAsync("acme-root", "sensor-10", withAuthorityKeyId: false);

        JsonObject ca = await admin.SendOkAsync(HttpMethod.Post, $"{api}/pki/ca",
            new { mode = "imported", certificate = await File.ReadAllTextAsync(_openssl.PathOf("acme-root.pem")), autoRegistration = new { clusterId = "c1" } });
        ca["mode"]!.GetValue<string>().Should().Be("imported");

        (int published, string output) = await PublishAsync("sensor-9", """{"byo":1}""");
        published.Should().Be(0, output);
        JsonObject registered = await admin.GetAsync($"{api}/devices/sensor-9");
        registered["clusterId"]!.GetValue<string>().Should().Be("c1");
        JsonObject record = (await admin.GetEventuallyAsync($"{api}/audit?action=deviceAutoRegistered", page => page["records"]!.AsArray().Count >= 1))["records"]![0]!.AsObject();
        (record["actor"]!["kind"]!.GetValue<string>(), record["targetId"]!.GetValue<string>()).Should().Be(("device", "sensor-9"), "the trail records who made the device: the device, by its certificate");
        (await admin.GetEventuallyAsync($"{api}/devices/sensor-9/telemetry/latest", latest => latest.ContainsKey("byo")))["byo"]!["value"]!.GetValue<int>().Should().Be(1);
        JsonObject certificate = (await admin.GetAsync($"{api}/devices/sensor-9/certificates"))["items"]!.AsArray().Single()!.AsObject();
        (await PublishAsync("sensor-10", """{"byName":1}""")).ExitCode.Should().Be(0, "a certificate without an authority key identifier is found by its issuer's name");

        await admin.SendOkAsync(HttpMethod.Post, $"{api}/certificates/{certificate["serialNumber"]!.GetValue<string>()}/revoke", new { reason = "keyCompromise" });
        (await PublishAsync("sensor-9", """{"byo":2}""")).ExitCode.Should().NotBe(0, "Carmen's own revocation holds for a certificate it did not issue");

        await NewRootAsync("rogue-root", "Acme Devices Root"); // the same name, another key
        await IssueAsync("rogue-root", "sensor-11", withAuthorityKeyId: false);
        (await PublishAsync("sensor-11", """{"rogue":1}""")).ExitCode.Should().NotBe(0, "the name matches, the signature does not");
        await FluentActions.Awaiting(() => admin.GetAsync($"{api}/devices/sensor-11")).Should().ThrowAsync<Exception>("a refused certificate registers nothing");

        await (await admin.SendAsync(HttpMethod.Post, $"{api}/devices/sensor-9/enrollment-tokens")).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await admin.SendAsync(HttpMethod.Get, $"/pki/{tenant}/crl")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        string other = await admin.CreateTenantAsync();
        await (await admin.SendAsync(HttpMethod.Post, $"/api/v1/tenants/{other}/pki/ca", new { mode = "imported", certificate = await File.ReadAllTextAsync(_openssl.PathOf("acme-root.pem")) }))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict, "certificate");
    }

    [MosquittoFact]
    public async Task WithoutAutoRegistrationAnUnknownDeviceIsRefusedAndBadImportsNameTheirField()
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(_factory);
        string tenant = await admin.CreateTenantAsync();
        string api = $"/api/v1/tenants/{tenant}";
        await NewRootAsync("plant-root", "Plant Root");
        await IssueAsync("plant-root", "press-1", withAuthorityKeyId: true);
        await IssueAsync("plant-root", "press-2", withAuthorityKeyId: true);
        await admin.CreateDeviceAsync(tenant, "press-1");

        await (await admin.SendAsync(HttpMethod.Post, $"{api}/pki/ca", new { mode = "imported", certificate = "not a certificate" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "certificate");
        await (await admin.SendAsync(HttpMethod.Post, $"{api}/pki/ca", new { mode = "imported", certificate = await File.ReadAllTextAsync(_openssl.PathOf("press-1.pem")) }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "certificate");
        await (await admin.SendAsync(HttpMethod.Post, $"{api}/pki/ca",
            new { mode = "imported", certificate = await File.ReadAllTextAsync(_openssl.PathOf("plant-root.pem")), privateKey = await File.ReadAllTextAsync(_openssl.PathOf("press-1.key")) }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "privateKey");
        await admin.SendOkAsync(HttpMethod.Post, $"{api}/pki/ca",
            new { mode = "imported", certificate = await File.ReadAllTextAsync(_openssl.PathOf("plant-root.pem")), privateKey = await File.ReadAllTextAsync(_openssl.PathOf("plant-root.key")) });

        (await PublishAsync("press-1", """{"known":1}""")).ExitCode.Should().Be(0, "a registered device signs in with its own PKI's certificate");
        (await PublishAsync("press-2", """{"unknown":1}""")).ExitCode.Should().NotBe(0, "the tenant does not auto-register");
        JsonObject issued = await admin.SendOkAsync(HttpMethod.Post, $"{api}/devices/press-1/certificates", new { csr = await _openssl.NewCsrAsync("press-1-next") });
        await _openssl.WriteAsync("issued.pem", issued["certificate"]!.GetValue<string>());
        (await _openssl.RunAsync("verify", "-CAfile", _openssl.PathOf("plant-root.pem"), _openssl.PathOf("issued.pem"))).Should().Contain("OK", "with the key imported, Carmen issues under the tenant's own CA");
    }

    [MosquittoFact]
    public async Task FirstSignInsRegisterOnlyWhatTheLicensesAdmit()
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(_factory);
        string tenant = await admin.CreateTenantAsync();
        string api = $"/api/v1/tenants/{tenant}";
        await Licenses.LicenseTests.IssueAsync(admin, tenant, new { devices = 1, features = new[] { "pki" } });
        await NewRootAsync("fleet-root", "Fleet Root");
        await IssueAsync("fleet-root", "meter-1", withAuthorityKeyId: true);
        await IssueAsync("fleet-root", "meter-2", withAuthorityKeyId: true);
        await admin.SendOkAsync(HttpMethod.Post, $"{api}/pki/ca",
            new { mode = "imported", certificate = await File.ReadAllTextAsync(_openssl.PathOf("fleet-root.pem")), autoRegistration = new { clusterId = "c1" } });

        (int first, string firstOutput) = await PublishAsync("meter-1", """{"kwh":1}""");
        (int second, _) = await PublishAsync("meter-2", """{"kwh":2}""");

        first.Should().Be(0, firstOutput);
        second.Should().NotBe(0, "the license admits one device, and the first sign-in of a second would be a second");
        await (await admin.SendAsync(HttpMethod.Get, $"{api}/devices/meter-2")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await admin.GetAsync($"{api}/license-usage"))["devices"]!["used"]!.GetValue<int>().Should().Be(1);
    }

    [Fact]
    public async Task AWeakKeyTheTenantsOwnPkiIssuedSignsInOverDdiAndIsAPostureFinding()
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(_factory);
        string tenant = await admin.CreateTenantAsync();
        string api = $"/api/v1/tenants/{tenant}";
        await NewRootAsync("legacy-root", "Legacy Root");
        await IssueAsync("legacy-root", "old-plc", withAuthorityKeyId: true, newKey: "rsa:1024");
        await admin.SendOkAsync(HttpMethod.Post, $"{api}/pki/ca",
            new { mode = "imported", certificate = await File.ReadAllTextAsync(_openssl.PathOf("legacy-root.pem")), autoRegistration = new { clusterId = "c1" } });

        // Behind the trusted TLS-terminating proxy, which forwards the certificate it verified (Debian's OpenSSL would refuse so small a key in its own handshake).
        using HttpClient controller = _factory.CreateClientFrom(IPAddress.Loopback);
        controller.DefaultRequestHeaders.Add("X-SSL-Client-Cert", Uri.EscapeDataString(await File.ReadAllTextAsync(_openssl.PathOf("old-plc.pem"))));
        (await controller.GetAsync($"/{tenant}/controller/v1/old-plc")).StatusCode.Should().Be(HttpStatusCode.OK);

        JsonObject report = await admin.SendOkAsync(HttpMethod.Post, $"{api}/posture/checks");
        JsonObject weak = report["findings"]!.AsArray().Single(finding => finding!["kind"]!.GetValue<string>() == "weakKeys")!.AsObject();
        weak["devices"]![0]!["deviceId"]!.GetValue<string>().Should().Be("old-plc");
        weak["devices"]![0]!["detail"]!.GetValue<string>().Should().EndWith("RSA 1024");
        weak["mitigation"]!["actions"]!.AsArray().Select(action => action!.GetValue<string>()).Should().Equal("revokeCertificates");
    }

    private async Task NewRootAsync(string name, string commonName) =>
        await _openssl.RunAsync("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", _openssl.PathOf($"{name}.key"),
            "-subj", $"/CN={commonName}", "-days", "30", "-out", _openssl.PathOf($"{name}.pem"));

    /// <summary>A device certificate the customer's CA issues (CN = the device id), with or without the authority key identifier.</summary>
    private async Task IssueAsync(string root, string device, bool withAuthorityKeyId, string newKey = "ec")
    {
        await _openssl.NewCsrAsync(device, newKey);
        await _openssl.WriteAsync($"{device}.ext", withAuthorityKeyId ? "authorityKeyIdentifier=keyid\nextendedKeyUsage=clientAuth\n" : "extendedKeyUsage=clientAuth\n");
        await _openssl.RunAsync("x509", "-req", "-in", _openssl.PathOf($"{device}.csr"), "-CA", _openssl.PathOf($"{root}.pem"), "-CAkey", _openssl.PathOf($"{root}.key"),
            "-days", "2", "-extfile", _openssl.PathOf($"{device}.ext"), "-out", _openssl.PathOf($"{device}.pem"));
    }

    /// <summary>mosquitto_pub over TLS with the device's key and certificate and no credentials.</summary>
    private Task<(int ExitCode, string Output)> PublishAsync(string device, string payload) =>
        Mosquitto.RunAsync("mosquitto_pub", [
            "-h", "127.0.0.1", "-p", _tlsPort.ToString(CultureInfo.InvariantCulture), "--cafile", _openssl.PathOf("server.pem"),
            "--cert", _openssl.PathOf($"{device}.pem"), "--key", _openssl.PathOf($"{device}.key"),
            "-i", $"{device}-pub", "-q", "1", "-t", "v1/devices/me/telemetry", "-m", payload], TimeSpan.FromSeconds(20));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _openssl.Dispose();
        File.Delete(_serverPfx);
    }
}
