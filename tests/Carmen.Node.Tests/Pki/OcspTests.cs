using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Carmen.Testing;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Pki;

/// <summary>
/// The tenant CA's OCSP responder (RFC 6960) with openssl as the client: it builds the request (with a nonce), and
/// verifies the signed answer against the CA chain, by POST and by GET, before and right after a revocation.
/// </summary>
public sealed class OcspTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task OpenSslVerifiesTheAnswerGoodThenRevokedAtOnce()
    {
        (CarmenClient admin, string tenant, _) = await CarmenClient.TenantWithDeviceAsync(factory, "gate-1");
        using var openssl = new OpenSsl();
        JsonObject ca = await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/pki/ca", new { mode = "managed" });
        JsonObject issued = await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices/gate-1/certificates", new { csr = await openssl.NewCsrAsync("gate-1") });
        string certificate = await openssl.WriteAsync("gate-1.pem", issued["certificate"]!.GetValue<string>());
        string issuer = await openssl.WriteAsync("ca.pem", ca["certificate"]!.GetValue<string>());
        string chain = await openssl.WriteAsync("chain.pem", ca["chain"]!.GetValue<string>());
        using HttpClient relyingParty = factory.CreateClient();

        string good = await AskAsync(openssl, relyingParty, tenant, issuer, chain, certificate, "good", viaGet: false);
        await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/certificates/{issued["serialNumber"]!.GetValue<string>()}/revoke", new { reason = "keyCompromise" });
        string revoked = await AskAsync(openssl, relyingParty, tenant, issuer, chain, certificate, "revoked", viaGet: true);

        good.Should().Contain("Response verify OK").And.Contain($"{certificate}: good");
        revoked.Should().Contain("Response verify OK").And.Contain($"{certificate}: revoked").And.Contain("Reason: keyCompromise");
    }

    [Fact]
    public async Task AnythingButARequestIsMalformedAndAStrangersCertificateUnknown()
    {
        (CarmenClient admin, string tenant, _) = await CarmenClient.TenantWithDeviceAsync(factory, "d1");
        using var openssl = new OpenSsl();
        JsonObject ca = await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/pki/ca", new { mode = "managed" });
        await openssl.RunAsync("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", openssl.PathOf("other.key"),
            "-subj", "/CN=other", "-days", "2", "-out", openssl.PathOf("other.pem"));
        string issuer = await openssl.WriteAsync("ca.pem", ca["certificate"]!.GetValue<string>());
        string chain = await openssl.WriteAsync("chain.pem", ca["chain"]!.GetValue<string>());
        using HttpClient relyingParty = factory.CreateClient();

        using var garbage = new ByteArrayContent([0x30, 0x03, 0x02, 0x01, 0x05]);
        byte[] malformed = await (await relyingParty.PostAsync($"/pki/{tenant}/ocsp", garbage)).Content.ReadAsByteArrayAsync();
        // Asked about a certificate of another issuer; openssl rightly does not take Carmen's CA as that issuer's responder, so the status is read unverified.
        string unknown = await AskAsync(openssl, relyingParty, tenant, openssl.PathOf("other.pem"), chain, openssl.PathOf("other.pem"), "unknown", viaGet: false, verify: false);
        HttpResponseMessage noCa = await relyingParty.PostAsync("/pki/no-such-tenant/ocsp", new ByteArrayContent([0x30, 0x00]));

        (_, string text) = await openssl.TryAsync("ocsp", "-respin", await openssl.WriteAsync("malformed.der", malformed), "-resp_text", "-noverify");
        text.Should().Contain("Responder Error: malformedrequest");
        unknown.Should().Contain($"{openssl.PathOf("other.pem")}: unknown");
        noCa.StatusCode.Should().Be(System.Net.HttpStatusCode.NotFound);
    }

    /// <summary>openssl makes the request (nonce included), Carmen answers, openssl checks signature, nonce and status.</summary>
    private static async Task<string> AskAsync(OpenSsl openssl, HttpClient http, string tenant, string issuer, string chain, string certificate, string label, bool viaGet, bool verify = true)
    {
        string request = openssl.PathOf($"{label}.req");
        await openssl.RunAsync("ocsp", "-issuer", issuer, "-cert", certificate, "-reqout", request);
        byte[] der = await File.ReadAllBytesAsync(request);
        HttpResponseMessage answer;
        if (viaGet)
        {
            answer = await http.GetAsync($"/pki/{tenant}/ocsp/{Uri.EscapeDataString(Convert.ToBase64String(der))}");
        }
        else
        {
            using var body = new ByteArrayContent(der);
            body.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
            answer = await http.PostAsync($"/pki/{tenant}/ocsp", body);
        }

        answer.Content.Headers.ContentType!.MediaType.Should().Be("application/ocsp-response");
        string response = await openssl.WriteAsync($"{label}.resp", await answer.Content.ReadAsByteArrayAsync());
        // Two readings: the signature and the request's nonce (openssl adds a nonce of its own when given -cert), then the status.
        string nonceChecked = verify ? await openssl.RunAsync("ocsp", "-reqin", request, "-respin", response, "-CAfile", chain) : "";
        string status = await openssl.RunAsync(["ocsp", "-respin", response, "-issuer", issuer, "-CAfile", chain, "-cert", certificate, "-no_nonce", "-resp_text", .. verify ? Array.Empty<string>() : ["-noverify"]]);
        return nonceChecked + status;
    }
}
