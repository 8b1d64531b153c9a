using System.Net;
using System.Text.Json.Nodes;
using Carmen.Testing;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Pki;

/// <summary>
/// A tenant's device CA end to end, with openssl as the device and as the relying party: a device enrolls with a CSR
/// and a one-time token, the chain verifies up to the platform root, a revocation is on the CRL openssl reads, and
/// nothing crosses tenants.
/// </summary>
public sealed class DeviceCertificateTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task ADeviceEnrollsWithItsOwnCsrAndTheChainVerifiesUpToThePlatformRoot()
    {
        (CarmenClient admin, string tenant, _) = await CarmenClient.TenantWithDeviceAsync(factory, "Pump.1");
        using var openssl = new OpenSsl();
        JsonObject ca = await CreateCaAsync(admin, tenant);
        string token = await EnrollmentTokenAsync(admin, tenant, "Pump.1");
        string csr = await openssl.NewCsrAsync("Pump.1");
        using var device = new CarmenClient(factory.CreateClient());

        JsonObject issued = await device.SendOkAsync(HttpMethod.Post, Path(tenant, "/devices/Pump.1/certificates"), new { csr, enrollmentToken = token });
        HttpResponseMessage replayed = await device.SendAsync(HttpMethod.Post, Path(tenant, "/devices/Pump.1/certificates"), new { csr, enrollmentToken = token });

        string certificate = await openssl.WriteAsync("Pump.1.pem", Text(issued, "certificate"));
        string root = await openssl.WriteAsync("root.pem", LastCertificate(Text(ca, "chain")));
        string intermediate = await openssl.WriteAsync("ca.pem", Text(ca, "certificate"));
        (await openssl.RunAsync("verify", "-purpose", "sslclient", "-CAfile", root, "-untrusted", intermediate, certificate)).Should().Contain("OK");
        string text = await openssl.RunAsync("x509", "-in", certificate, "-noout", "-subject", "-serial", "-ext",
            "subjectAltName,extendedKeyUsage,basicConstraints,crlDistributionPoints,authorityInfoAccess");
        text.Should().Contain($"subject=O = {tenant}, CN = Pump.1", "the subject names the device, whatever the CSR asked")
            .And.Contain($"URI:urn:carmen:device:{tenant}:Pump.1").And.Contain("TLS Web Client Authentication").And.Contain("CA:FALSE");
        text.Should().Contain($"serial={Text(issued, "serialNumber")}");
        text.Should().Contain($"URI:{Text(ca, "crlUrl")}").And.Contain($"OCSP - URI:http://localhost/pki/{tenant}/ocsp", "relying parties find the status on their own");
        (await openssl.RunAsync("x509", "-in", certificate, "-noout", "-pubkey"))
            .Should().Be(await openssl.RunAsync("pkey", "-in", openssl.PathOf("Pump.1.key"), "-pubout"), "the certificate carries the device's own key, which never left it");
        Text(issued, "chain").Should().Be(Text(ca, "chain"));
        (Text(issued, "status"), Text(issued, "keyAlgorithm")).Should().Be(("valid", "ECDSA P-256"));
        (issued["notAfter"]!.GetValue<DateTimeOffset>() - DateTimeOffset.UtcNow).TotalDays.Should().BeInRange(29.9, 30, "device certificates are short-lived by default");
        await replayed.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        JsonArray listed = (await admin.GetAsync(Path(tenant, "/devices/Pump.1/certificates")))["items"]!.AsArray();
        listed.Select(entry => Text(entry!, "serialNumber")).Should().Equal(Text(issued, "serialNumber"));
        JsonObject record = (await admin.GetEventuallyAsync(Path(tenant, "/audit?actor=Pump.1"), page => page["records"]!.AsArray().Count == 1))["records"]![0]!.AsObject();
        (Text(record["actor"]!, "kind"), Text(record["actor"]!, "name")).Should().Be(("device", "Pump.1"), "a certificate issued without an operator is in the trail as the device's act");
    }

    [Fact]
    public async Task ADeviceEnrollsWithItsCurrentAccessTokenAndNoOtherTokenWillDo()
    {
        (CarmenClient admin, string tenant, string token) = await CarmenClient.TenantWithDeviceAsync(factory, "meter-1");
        string otherToken = (await admin.CreateDeviceAsync(tenant, "meter-2"))["accessToken"]!.GetValue<string>();
        using var openssl = new OpenSsl();
        await CreateCaAsync(admin, tenant);
        string csr = await openssl.NewCsrAsync("meter-1");
        using var device = new CarmenClient(factory.CreateClient());

        HttpResponseMessage foreign = await device.SendAsync(HttpMethod.Post, Path(tenant, "/devices/meter-1/certificates"), new { csr, accessToken = otherToken });
        HttpResponseMessage wrong = await device.SendAsync(HttpMethod.Post, Path(tenant, "/devices/meter-1/certificates"), new { csr, accessToken = "not-a-token" });
        JsonObject issued = await device.SendOkAsync(HttpMethod.Post, Path(tenant, "/devices/meter-1/certificates"), new { csr, accessToken = token });

        await foreign.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await wrong.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (Text(issued, "status"), Text(issued, "deviceId")).Should().Be(("valid", "meter-1"));
        JsonObject record = (await admin.GetEventuallyAsync(Path(tenant, "/audit?actor=meter-1"), page => page["records"]!.AsArray().Count == 1))["records"]![0]!.AsObject();
        record["changes"]!.ToJsonString().Should().NotContain(token, "the access token is redacted in the trail");
    }

    [Fact]
    public async Task ARevokedCertificateIsOnTheCrlThatOpenSslChecksAgainst()
    {
        (CarmenClient admin, string tenant, _) = await CarmenClient.TenantWithDeviceAsync(factory, "meter-1");
        using var openssl = new OpenSsl();
        JsonObject ca = await CreateCaAsync(admin, tenant);
        string keep = Text(await admin.SendOkAsync(HttpMethod.Post, Path(tenant, "/devices/meter-1/certificates"), new { csr = await openssl.NewCsrAsync("keep") }), "serialNumber");
        JsonObject stolen = await admin.SendOkAsync(HttpMethod.Post, Path(tenant, "/devices/meter-1/certificates"), new { csr = await openssl.NewCsrAsync("stolen", "rsa:2048") });
        string serial = Text(stolen, "serialNumber");

        JsonObject revoked = await admin.SendOkAsync(HttpMethod.Post, Path(tenant, $"/certificates/{serial}/revoke"), new { reason = "keyCompromise" });
        JsonObject again = await admin.SendOkAsync(HttpMethod.Post, Path(tenant, $"/certificates/{serial}/revoke"), new { reason = "superseded" });
        using HttpClient relyingParty = factory.CreateClient();
        byte[] der = await relyingParty.GetByteArrayAsync($"/pki/{tenant}/crl");
        string pem = await relyingParty.GetStringAsync($"/pki/{tenant}/crl.pem");

        (Text(revoked, "status"), Text(revoked, "revocationReason"), Text(revoked, "revokedBy")).Should().Be(("revoked", "keyCompromise", "admin"));
        again["revokedAt"]!.GetValue<DateTimeOffset>().Should().Be(revoked["revokedAt"]!.GetValue<DateTimeOffset>(), "a revocation is final; a second one changes nothing");
        string crl = await openssl.RunAsync("crl", "-inform", "DER", "-in", await openssl.WriteAsync("tenant.crl", der), "-noout", "-text");
        crl.Should().Contain($"Serial Number: {serial}").And.Contain("Key Compromise").And.Contain("Next Update").And.NotContain(keep);
        string chain = await openssl.WriteAsync("chain.pem", Text(ca, "chain"));
        string crlPem = await openssl.WriteAsync("tenant-crl.pem", pem);
        (int exitCode, string refused) = await openssl.TryAsync("verify", "-crl_check", "-CRLfile", crlPem, "-CAfile", chain, await openssl.WriteAsync("stolen.pem", Text(stolen, "certificate")));
        (exitCode, refused).Should().Match<(int, string)>(result => result.Item1 != 0 && result.Item2.Contains("certificate revoked"));
        JsonObject kept = (await admin.GetAsync(Path(tenant, "/devices/meter-1"))); // the device itself is untouched
        kept["id"]!.GetValue<string>().Should().Be("meter-1");
        (await admin.GetAsync(Path(tenant, "/devices/meter-1/certificates")))["items"]!.AsArray().Select(entry => Text(entry!, "status"))
            .Should().BeEquivalentTo(["revoked", "valid"]);
    }

    [Fact]
    public async Task BadRequestsAreProblemsNamingTheFieldAndIssueNothing()
    {
        (CarmenClient admin, string tenant, _) = await CarmenClient.TenantWithDeviceAsync(factory, "d1");
        using var openssl = new OpenSsl();
        HttpResponseMessage noCa = await admin.SendAsync(HttpMethod.Post, Path(tenant, "/devices/d1/certificates"), new { csr = await openssl.NewCsrAsync("early") });
        HttpResponseMessage unknownMode = await admin.SendAsync(HttpMethod.Post, Path(tenant, "/pki/ca"), new { mode = "self-signed" });
        HttpResponseMessage lifetime = await admin.SendAsync(HttpMethod.Post, Path(tenant, "/pki/ca"), new { mode = "managed", certificateLifetimeDays = 0 });
        await CreateCaAsync(admin, tenant);
        HttpResponseMessage twice = await admin.SendAsync(HttpMethod.Post, Path(tenant, "/pki/ca"), new { mode = "managed" });
        string weak = await openssl.NewCsrAsync("weak", "rsa:1024");
        string good = await openssl.NewCsrAsync("good");
        string tampered = Tamper(good);

        await noCa.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await unknownMode.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "mode");
        await lifetime.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "certificateLifetimeDays");
        await twice.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await admin.SendAsync(HttpMethod.Post, Path(tenant, "/devices/d1/certificates"), new { csr = weak })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "csr");
        await (await admin.SendAsync(HttpMethod.Post, Path(tenant, "/devices/d1/certificates"), new { csr = tampered })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "csr");
        await (await admin.SendAsync(HttpMethod.Post, Path(tenant, "/devices/d1/certificates"), new { csr = "not a csr" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "csr");
        await (await admin.SendAsync(HttpMethod.Post, Path(tenant, "/devices/d1/certificates"), new { })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "csr");
        await (await admin.SendAsync(HttpMethod.Post, Path(tenant, "/devices/d1/enrollment-tokens"), new { expiresInHours = 0 })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "expiresInHours");
        await (await admin.SendAsync(HttpMethod.Post, Path(tenant, "/certificates/00ZZ/revoke"), new { })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using var anonymous = new CarmenClient(factory.CreateClient());
        await (await anonymous.SendAsync(HttpMethod.Post, Path(tenant, "/devices/d1/certificates"), new { csr = good })).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "enrollmentToken");
        await (await anonymous.SendAsync(HttpMethod.Post, Path(tenant, "/devices/d1/certificates"), new { csr = good, enrollmentToken = "guessed" })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await admin.GetAsync(Path(tenant, "/devices/d1/certificates")))["items"]!.AsArray().Should().BeEmpty();
    }

    [Fact]
    public async Task NothingOfOneTenantsPkiIsReachableFromAnother()
    {
        (CarmenClient admin, string tenantA, _) = await CarmenClient.TenantWithDeviceAsync(factory, "d1");
        string tenantB = await admin.CreateTenantAsync();
        await admin.CreateDeviceAsync(tenantB, "d1");
        await admin.CreateUserAsync(tenantB, $"{tenantB}-boss", "tenantAdmin");
        await admin.CreateUserAsync(tenantA, $"{tenantA}-viewer", "viewer");
        using CarmenClient adminB = await CarmenClient.SignInAsync(factory, tenantB, $"{tenantB}-boss", CarmenClient.UserPassword);
        using CarmenClient viewerA = await CarmenClient.SignInAsync(factory, tenantA, $"{tenantA}-viewer", CarmenClient.UserPassword);
        using var openssl = new OpenSsl();
        await CreateCaAsync(admin, tenantA);
        await CreateCaAsync(admin, tenantB);
        string tokenA = await EnrollmentTokenAsync(admin, tenantA, "d1");
        string serialA = Text(await admin.SendOkAsync(HttpMethod.Post, Path(tenantA, "/devices/d1/certificates"), new { csr = await openssl.NewCsrAsync("a") }), "serialNumber");
        using var device = new CarmenClient(factory.CreateClient());

        await (await device.SendAsync(HttpMethod.Post, Path(tenantB, "/devices/d1/certificates"), new { csr = await openssl.NewCsrAsync("b"), enrollmentToken = tokenA }))
            .ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await adminB.SendAsync(HttpMethod.Get, Path(tenantA, "/pki/ca"))).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await adminB.SendAsync(HttpMethod.Post, Path(tenantA, "/devices/d1/enrollment-tokens"), new { })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await adminB.SendAsync(HttpMethod.Post, Path(tenantA, "/devices/d1/certificates"), new { csr = await openssl.NewCsrAsync("c") })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await adminB.SendAsync(HttpMethod.Post, Path(tenantB, $"/certificates/{serialA}/revoke"), new { })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await viewerA.SendAsync(HttpMethod.Post, Path(tenantA, $"/certificates/{serialA}/revoke"), new { })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await viewerA.SendAsync(HttpMethod.Post, Path(tenantA, "/devices/d1/enrollment-tokens"), new { })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await (await viewerA.SendAsync(HttpMethod.Post, Path(tenantA, "/devices/d1/certificates"), new { csr = await openssl.NewCsrAsync("v") })).ShouldBeProblemAsync(HttpStatusCode.Forbidden);

        JsonObject certificateA = (JsonObject)(await admin.GetAsync(Path(tenantA, "/devices/d1/certificates")))["items"]!.AsArray().Single()!;
        Text(certificateA, "status").Should().Be("valid", "nothing from tenant B revoked it");
        (await admin.GetAsync(Path(tenantB, "/devices/d1/certificates")))["items"]!.AsArray().Should().BeEmpty("tenant A's token issued nothing in tenant B");
    }

    [Fact]
    public async Task ACertificateInAProxyHeaderIsIgnoredUnlessTheProxyIsTrusted()
    {
        (CarmenClient admin, string tenant, _) = await CarmenClient.TenantWithDeviceAsync(factory, "ctl-1");
        using var openssl = new OpenSsl();
        await CreateCaAsync(admin, tenant);
        JsonObject issued = await admin.SendOkAsync(HttpMethod.Post, Path(tenant, "/devices/ctl-1/certificates"), new { csr = await openssl.NewCsrAsync("ctl-1") });
        using HttpClient controller = factory.CreateClientFrom(IPAddress.Loopback);
        controller.DefaultRequestHeaders.Add("X-SSL-Client-Cert", Uri.EscapeDataString(Text(issued, "certificate")));

        HttpResponseMessage answer = await controller.GetAsync($"/{tenant}/controller/v1/ctl-1");

        await answer.ShouldBeProblemAsync(HttpStatusCode.Unauthorized); // no proxy is trusted by default: anyone could send the header
    }

    private static async Task<JsonObject> CreateCaAsync(CarmenClient admin, string tenant) =>
        await admin.SendOkAsync(HttpMethod.Post, Path(tenant, "/pki/ca"), new { mode = "managed" });

    private static async Task<string> EnrollmentTokenAsync(CarmenClient admin, string tenant, string deviceId) =>
        Text(await admin.SendOkAsync(HttpMethod.Post, Path(tenant, $"/devices/{deviceId}/enrollment-tokens"), new { expiresInHours = 1 }), "token");

    /// <summary>The CSR with one byte of its signature changed: still DER, no longer signed by its key.</summary>
    private static string Tamper(string pem)
    {
        byte[] der = Convert.FromBase64String(string.Concat(pem.Split('\n').Where(line => !line.StartsWith("-----", StringComparison.Ordinal))));
        der[^3] ^= 0x01;
        return $"-----BEGIN CERTIFICATE REQUEST-----\n{Convert.ToBase64String(der, Base64FormattingOptions.InsertLineBreaks)}\n-----END CERTIFICATE REQUEST-----\n";
    }

    private static string LastCertificate(string chain) =>
        chain[chain.LastIndexOf("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal)..];

    private static string Path(string tenant, string path) => $"/api/v1/tenants/{tenant}{path}";

    private static string Text(JsonNode node, string name) => node[name]!.GetValue<string>();
}
