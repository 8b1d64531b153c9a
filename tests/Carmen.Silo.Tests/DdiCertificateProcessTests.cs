using System.Text.Json.Nodes;
using Carmen.Testing;

namespace Carmen.Silo.Tests;

/// <summary>
/// DDI with a device certificate (hawkBit's certificate authentication), with curl as the client: behind a
/// TLS-terminating proxy, a real Carmen process believes the forwarded certificate from its trusted proxy; on its own
/// HTTPS port, it reads the certificate of the handshake. Either way only for the controller the certificate names,
/// and no longer once it is revoked.
/// </summary>
public sealed class DdiCertificateProcessTests : IAsyncLifetime
{
    private const string AdminPassword = "ddi-certificates-1";
    private const string Header = "X-SSL-Client-Cert";
    private const string ServerPassword = "ddi-https";
    private readonly int _httpsPort = FreePorts.Next();
    private readonly TempDirectory _data = new();
    private readonly OpenSsl _openssl = new();
    private CarmenProcess? _node;

    private CarmenProcess Node => _node!;

    [Fact]
    public async Task ACertificateForwardedByTheTrustedProxySignsInItsControllerUntilRevoked()
    {
        string token = await Node.Http.SignInAsync("admin", AdminPassword);
        await Node.Http.CreateTenantWithClusterAsync(token, "acme");
        await Node.Http.CreateDeviceAsync(token, "acme", "ctl-1");
        await Node.Http.CreateDeviceAsync(token, "acme", "ctl-2");
        await Node.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/acme/pki/ca", new { mode = "managed" });
        JsonNode issued = await Node.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/acme/devices/ctl-1/certificates", new { csr = await _openssl.NewCsrAsync("ctl-1") });
        // As nginx forwards it with $ssl_client_escaped_cert: the PEM, URL-encoded.
        string forwarded = Uri.EscapeDataString(issued["certificate"]!.GetValue<string>());

        (string own, string other, string none) = (await CurlAsync("ctl-1", forwarded), await CurlAsync("ctl-2", forwarded), await CurlAsync("ctl-1", null));
        await Node.Http.SendJsonAsync(token, HttpMethod.Post, $"/api/v1/tenants/acme/certificates/{issued["serialNumber"]!.GetValue<string>()}/revoke", new { reason = "keyCompromise" });
        string revoked = await CurlAsync("ctl-1", forwarded);

        own.Should().EndWith("200").And.Contain("\"polling\"");
        other.Should().EndWith("401", "the certificate names ctl-1, not ctl-2");
        none.Should().EndWith("401");
        revoked.Should().EndWith("401", "a revoked certificate signs in nowhere");
    }

    [Fact]
    public async Task ADeviceCertificateSignsInToDdiOnCarmensOwnHttpsUntilRevoked()
    {
        string token = await Node.Http.SignInAsync("admin", AdminPassword);
        await Node.Http.CreateTenantWithClusterAsync(token, "acme");
        await Node.Http.CreateDeviceAsync(token, "acme", "ctl-1");
        await Node.Http.CreateDeviceAsync(token, "acme", "ctl-2");
        await Node.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/acme/pki/ca", new { mode = "managed" });
        JsonNode issued = await Node.Http.SendJsonAsync(token, HttpMethod.Post, "/api/v1/tenants/acme/devices/ctl-1/certificates", new { csr = await _openssl.NewCsrAsync("ctl-1") });
        await _openssl.WriteAsync("ctl-1.pem", issued["certificate"]!.GetValue<string>());

        (string own, string other, string none) = (await CurlHttpsAsync("ctl-1", withCertificate: true), await CurlHttpsAsync("ctl-2", withCertificate: true), await CurlHttpsAsync("ctl-1", withCertificate: false));
        await Node.Http.SendJsonAsync(token, HttpMethod.Post, $"/api/v1/tenants/acme/certificates/{issued["serialNumber"]!.GetValue<string>()}/revoke", new { reason = "keyCompromise" });
        string revoked = await CurlHttpsAsync("ctl-1", withCertificate: true);

        own.Should().EndWith("200").And.Contain("\"polling\"");
        other.Should().EndWith("401", "the certificate names ctl-1, not ctl-2");
        none.Should().EndWith("401", "the handshake takes a client without a certificate; DDI then asks for a token");
        revoked.Should().EndWith("401", "a revoked certificate signs in nowhere");
    }

    /// <summary>curl straight to Carmen's HTTPS port, trusting its server certificate, with ctl-1's key and certificate or none.</summary>
    private async Task<string> CurlHttpsAsync(string controller, bool withCertificate)
    {
        List<string> arguments = ["-s", "-w", "\n%{http_code}", "--cacert", _openssl.PathOf("server.pem"), $"https://127.0.0.1:{_httpsPort}/acme/controller/v1/{controller}"];
        if (withCertificate)
        {
            arguments.InsertRange(0, ["--cert", _openssl.PathOf("ctl-1.pem"), "--key", _openssl.PathOf("ctl-1.key")]);
        }

        (int exitCode, string output) = await ExternalTool.RunAsync("/usr/bin/curl", arguments, TimeSpan.FromSeconds(20));
        exitCode.Should().Be(0, output);
        return output;
    }

    private async Task<string> CurlAsync(string controller, string? certificate)
    {
        List<string> arguments = ["-s", "-w", "\n%{http_code}", $"{Node.Http.BaseAddress}acme/controller/v1/{controller}"];
        if (certificate is not null)
        {
            arguments.InsertRange(0, ["-H", $"{Header}: {certificate}"]);
        }

        (int exitCode, string output) = await ExternalTool.RunAsync("/usr/bin/curl", arguments, TimeSpan.FromSeconds(20));
        exitCode.Should().Be(0, output);
        return output;
    }

    public async Task InitializeAsync()
    {
        string pfx = _openssl.PathOf("server.pfx");
        TestCertificates.WritePfx(pfx, "CN=localhost", ServerPassword, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1), _openssl.PathOf("server.pem"));
        _node = await CarmenProcess.StartAsync(_data.Path, new Dictionary<string, string>
        {
            ["CARMEN_ADMIN_PASSWORD"] = AdminPassword,
            ["Carmen__Ddi__ClientCertificates__TrustedProxies__0"] = "127.0.0.1",
            ["Carmen__Http__CertificatePath"] = pfx,
            ["Carmen__Http__CertificatePassword"] = ServerPassword,
            ["Carmen__Http__HttpsPort"] = _httpsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            await _node.DisposeAsync();
        }

        _openssl.Dispose();
        _data.Dispose();
    }
}
