using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Carmen.Testing;
using Carmen.Testing.Node;
using MQTTnet;

namespace Carmen.Node.Tests.Pki;

/// <summary>
/// MQTT over TLS with device certificates (ThingsBoard's X.509 mode): Debian's mosquitto_pub signs in with a key and
/// certificate and no token, a revocation closes the live connection and refuses the next handshake, and a
/// certificate Carmen did not issue never signs in, whatever device it names.
/// </summary>
public sealed class CertificateSignInTests : IAsyncLifetime
{
    private const string ServerPassword = "tls-test";
    private readonly string _serverPfx = Path.Combine(Path.GetTempPath(), $"carmen-mqtt-{Guid.NewGuid():N}.pfx");
    private readonly int _tlsPort = FreePorts.Next();
    private readonly CarmenApiFactory _factory;
    private readonly OpenSsl _openssl = new();

    public CertificateSignInTests()
    {
        TestCertificates.WritePfx(_serverPfx, "CN=localhost", ServerPassword, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        _factory = new CarmenApiFactory
        {
            Settings = new Dictionary<string, string>
            {
                ["Carmen:Mqtt:CertificatePath"] = _serverPfx,
                ["Carmen:Mqtt:CertificatePassword"] = ServerPassword,
                ["Carmen:Mqtt:TlsPort"] = _tlsPort.ToString(CultureInfo.InvariantCulture),
            },
        };
    }

    [MosquittoFact]
    public async Task ADeviceSignsInWithItsCertificateAndItsRevocationClosesTheConnectionAndRefusesTheNext()
    {
        (CarmenClient admin, string tenant, _) = await CarmenClient.TenantWithDeviceAsync(_factory, "cam-1");
        await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/pki/ca", new { mode = "managed" });
        JsonObject issued = await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices/cam-1/certificates", new { csr = await _openssl.NewCsrAsync("cam-1") });
        await _openssl.WriteAsync("cam-1.pem", issued["certificate"]!.GetValue<string>());

        (int published, string output) = await PublishAsync("cam-1", """{"x509":1}""");
        using IMqttClient live = await ConnectAsync("cam-1");
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        live.DisconnectedAsync += _ => { closed.TrySetResult(); return Task.CompletedTask; };

        published.Should().Be(0, output);
        (await admin.GetEventuallyAsync($"/api/v1/tenants/{tenant}/devices/cam-1/telemetry/latest", latest => latest.ContainsKey("x509")))["x509"]!["value"]!.GetValue<int>().Should().Be(1);
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/cam-1/diagnostics"))["connected"]!.GetValue<bool>().Should().BeTrue();

        await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/certificates/{issued["serialNumber"]!.GetValue<string>()}/revoke", new { reason = "keyCompromise" });
        (await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(10)))).Should().Be(closed.Task, "a revocation closes the connection that signed in with the certificate");
        (int refused, string refusal) = await PublishAsync("cam-1", """{"x509":2}""");
        refused.Should().NotBe(0, "the next handshake with a revoked certificate is refused: {0}", refusal);
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/cam-1/telemetry/latest"))["x509"]!["value"]!.GetValue<int>().Should().Be(1);
    }

    [MosquittoFact]
    public async Task ACertificateCarmenDidNotIssueNeverSignsInWhateverDeviceItNames()
    {
        (CarmenClient admin, string tenant, _) = await CarmenClient.TenantWithDeviceAsync(_factory, "d1");
        await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/pki/ca", new { mode = "managed" });
        // A CA of the device's own making, issuing a certificate that names the device exactly as Carmen's would.
        await _openssl.RunAsync("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-keyout", _openssl.PathOf("rogue-ca.key"),
            "-subj", "/CN=rogue", "-days", "2", "-out", _openssl.PathOf("rogue-ca.pem"));
        await _openssl.NewCsrAsync("d1");
        await _openssl.WriteAsync("san.ext", $"subjectAltName=URI:urn:carmen:device:{tenant}:d1\nextendedKeyUsage=clientAuth\n");
        await _openssl.RunAsync("x509", "-req", "-in", _openssl.PathOf("d1.csr"), "-CA", _openssl.PathOf("rogue-ca.pem"), "-CAkey", _openssl.PathOf("rogue-ca.key"),
            "-days", "2", "-extfile", _openssl.PathOf("san.ext"), "-out", _openssl.PathOf("d1.pem"));

        (int exitCode, string output) = await PublishAsync("d1", """{"rogue":1}""");

        exitCode.Should().NotBe(0, "the certificate names the device but no CA of Carmen's issued it: {0}", output);
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/d1/diagnostics"))["connected"]!.GetValue<bool>().Should().BeFalse();
    }

    [Fact]
    public async Task ADeviceSignedInWithItsCertificateRenewsItOnTheSameConnection()
    {
        (CarmenClient admin, string tenant, string token) = await CarmenClient.TenantWithDeviceAsync(_factory, "cam-1");
        JsonObject ca = await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/pki/ca", new { mode = "managed" });
        JsonObject first = await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices/cam-1/certificates", new { csr = await _openssl.NewCsrAsync("cam-1") });
        await _openssl.WriteAsync("cam-1.pem", first["certificate"]!.GetValue<string>());
        string next = await _openssl.NewCsrAsync("cam-1-next");

        JsonObject renewed;
        using (IMqttClient device = await ConnectAsync("cam-1"))
        {
            renewed = await RequestAsync(device, "7", next);
            await device.DisconnectAsync();
        }

        JsonObject refused;
        await using (DeviceMqttClient byToken = await DeviceMqttClient.ConnectAsync(_factory.MqttPort, token)) // one device, one live connection: in turn
        {
            refused = await RequestAsync(byToken.Client, "8", next);
        }

        string serial = renewed["serialNumber"]!.GetValue<string>();
        serial.Should().NotBe(first["serialNumber"]!.GetValue<string>());
        await _openssl.WriteAsync("cam-1-next.pem", renewed["certificate"]!.GetValue<string>());
        await _openssl.WriteAsync("chain.pem", renewed["chain"]!.GetValue<string>());
        renewed["chain"]!.GetValue<string>().Should().Be(ca["chain"]!.GetValue<string>());
        (await _openssl.RunAsync("verify", "-CAfile", _openssl.PathOf("chain.pem"), _openssl.PathOf("cam-1-next.pem"))).Should().Contain("OK");
        refused["error"]!.GetValue<string>().Should().Contain("signed in with the device's current certificate", "a token is not the certificate renewal must prove");
        using IMqttClient withNext = await ConnectAsync("cam-1-next");
        withNext.IsConnected.Should().BeTrue("the renewed certificate signs in");
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/cam-1/certificates"))["items"]!.AsArray().Select(entry => entry!["status"]!.GetValue<string>())
            .Should().Equal(["valid", "valid"], "the certificate renewed stays valid until it expires or is revoked");
    }

    [Fact]
    public async Task RotatingTokensInAnIncidentLeavesACertificateConnectionOpenAndDisconnectClosesIt()
    {
        (CarmenClient admin, string tenant, _) = await CarmenClient.TenantWithDeviceAsync(_factory, "cam-2");
        await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/pki/ca", new { mode = "managed" });
        JsonObject issued = await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices/cam-2/certificates", new { csr = await _openssl.NewCsrAsync("cam-2") });
        await _openssl.WriteAsync("cam-2.pem", issued["certificate"]!.GetValue<string>());
        using IMqttClient live = await ConnectAsync("cam-2");
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        live.DisconnectedAsync += _ => { closed.TrySetResult(); return Task.CompletedTask; };

        await ContainAsync(admin, tenant, "rotateTokens");
        bool closedByRotation = await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(1))) == closed.Task; // a close would have landed by then
        await ContainAsync(admin, tenant, "disconnect");

        closedByRotation.Should().BeFalse("the connection signed in with the certificate, not with the token rotated away");
        (await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(10)))).Should().Be(closed.Task, "disconnect closes any connection");
    }

    private static async Task ContainAsync(CarmenClient admin, string tenant, string action)
    {
        long id = (await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/incidents", new { title = action, devices = new[] { "cam-2" }, actions = new[] { action } }))["id"]!.GetValue<long>();
        await admin.GetEventuallyAsync($"/api/v1/tenants/{tenant}/incidents/{id}", incident => incident["status"]!.GetValue<string>() == "contained");
    }

    [NodeScriptTheory]
    [InlineData(4)]
    [InlineData(5)]
    public async Task MqttJsSignsInWithItsCertificateUntilItIsRevoked(int protocolVersion)
    {
        (CarmenClient admin, string tenant, _) = await CarmenClient.TenantWithDeviceAsync(_factory, "js-1");
        await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/pki/ca", new { mode = "managed" });
        JsonObject issued = await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/devices/js-1/certificates", new { csr = await _openssl.NewCsrAsync("js-1") });
        await _openssl.WriteAsync("js-1.pem", issued["certificate"]!.GetValue<string>());

        JsonObject sent = await SendWithMqttJsAsync(protocolVersion, """{"js":1}""");
        await admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/certificates/{issued["serialNumber"]!.GetValue<string>()}/revoke", new { reason = "keyCompromise" });
        JsonObject refused = await SendWithMqttJsAsync(protocolVersion, """{"js":2}""");

        sent["event"]!.GetValue<string>().Should().Be("sent", sent.ToJsonString());
        refused["event"]!.GetValue<string>().Should().Be("refused", "a revoked certificate signs in nowhere");
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/js-1/telemetry/latest"))["js"]!["value"]!.GetValue<int>().Should().Be(1);
    }

    private async Task<JsonObject> SendWithMqttJsAsync(int protocolVersion, string payload)
    {
        await using NodeScript device = NodeScript.Start("x509.mjs", _tlsPort.ToString(CultureInfo.InvariantCulture), protocolVersion.ToString(CultureInfo.InvariantCulture),
            ServerPem(), _openssl.PathOf("js-1.pem"), _openssl.PathOf("js-1.key"), payload);
        return await device.NextAsync(line => line["event"] is not null);
    }

    /// <summary>The server certificate, PEM, for clients to trust.</summary>
    private string ServerPem()
    {
        string serverPem = _openssl.PathOf("server.pem");
        if (!File.Exists(serverPem))
        {
            using X509Certificate2 server = X509CertificateLoader.LoadPkcs12FromFile(_serverPfx, ServerPassword);
            File.WriteAllText(serverPem, server.ExportCertificatePem());
        }

        return serverPem;
    }

    /// <summary>Subscribes to the renewal answers and sends a CSR; the answer as JSON.</summary>
    private static async Task<JsonObject> RequestAsync(IMqttClient client, string requestId, string csr)
    {
        var answered = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ApplicationMessageReceivedAsync += message =>
        {
            if (message.ApplicationMessage.Topic == $"v1/devices/me/certificate/response/{requestId}")
            {
                answered.TrySetResult(message.ApplicationMessage.ConvertPayloadToString());
            }

            return Task.CompletedTask;
        };
        await client.SubscribeAsync("v1/devices/me/certificate/response/+", MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce);
        await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic($"v1/devices/me/certificate/request/{requestId}").WithPayload(csr)
            .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build());
        return JsonNode.Parse(await answered.Task.WaitAsync(TimeSpan.FromSeconds(10)))!.AsObject();
    }

    /// <summary>mosquitto_pub over TLS with the device's key and certificate and no credentials; trusts the test's server certificate.</summary>
    private async Task<(int ExitCode, string Output)> PublishAsync(string device, string payload)
    {
        string serverPem = ServerPem();
        return await Mosquitto.RunAsync("mosquitto_pub", [
            "-h", "127.0.0.1", "-p", _tlsPort.ToString(CultureInfo.InvariantCulture), "--cafile", serverPem, "--insecure",
            "--cert", _openssl.PathOf($"{device}.pem"), "--key", _openssl.PathOf($"{device}.key"),
            "-i", $"{device}-pub", "-q", "1", "-t", "v1/devices/me/telemetry", "-m", payload], TimeSpan.FromSeconds(20));
    }

    /// <summary>An MQTTnet connection with the device's certificate, held open.</summary>
    private async Task<IMqttClient> ConnectAsync(string device)
    {
        using X509Certificate2 pem = X509Certificate2.CreateFromPemFile(_openssl.PathOf($"{device}.pem"), _openssl.PathOf($"{device}.key"));
        X509Certificate2 certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        IMqttClient client = new MqttClientFactory().CreateMqttClient();
        MqttClientOptions options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _tlsPort)
            .WithClientId($"{device}-live")
            .WithTlsOptions(tls => tls.UseTls().WithClientCertificates([certificate]).WithCertificateValidationHandler(_ => true))
            .Build();
        (await client.ConnectAsync(options)).ResultCode.Should().Be(MqttClientConnectResultCode.Success);
        return client;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _openssl.Dispose();
        File.Delete(_serverPfx);
    }
}
