using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Carmen.Testing;
using MQTTnet;

namespace Carmen.Silo.Tests;

/// <summary>
/// A revocation is in force across the cluster: two silos on one PostgreSQL database, a device signed in with its
/// certificate over MQTT/TLS on the second, its certificate revoked through the first's API; the connection on the
/// second closes, and the next handshake there is refused.
/// </summary>
public sealed class PostgresCertificateRevocationTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IDisposable
{
    private const string AdminPassword = "revocation-admin-1";
    private const string ServerPassword = "revocation-tls";
    private readonly TempDirectory _data = new();
    private readonly OpenSsl _openssl = new();

    [PostgresFact]
    public async Task RevokingThroughOneSiloClosesTheConnectionOnTheOther()
    {
        string connectionString = await postgres.Server.CreateDatabaseAsync();
        string serverPfx = _openssl.PathOf("mqtt.pfx");
        TestCertificates.WritePfx(serverPfx, "CN=localhost", ServerPassword, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        int tlsPort = FreePorts.Next();
        Dictionary<string, string> withTls = new(CarmenProcess.ClusterEnvironment(connectionString, AdminPassword))
        {
            ["Carmen__Mqtt__CertificatePath"] = serverPfx,
            ["Carmen__Mqtt__CertificatePassword"] = ServerPassword,
            ["Carmen__Mqtt__TlsPort"] = tlsPort.ToString(CultureInfo.InvariantCulture),
        };
        await using CarmenProcess first = await CarmenProcess.StartAsync(Path.Combine(_data.Path, "a"), CarmenProcess.ClusterEnvironment(connectionString, AdminPassword));
        await using CarmenProcess second = await CarmenProcess.StartAsync(Path.Combine(_data.Path, "b"), withTls);
        string admin = await first.Http.SignInAsync("admin", AdminPassword);
        await first.Http.CreateTenantWithClusterAsync(admin, "acme");
        await first.Http.CreateDeviceAsync(admin, "acme", "cam-1");
        await first.Http.SendJsonAsync(admin, HttpMethod.Post, "/api/v1/tenants/acme/pki/ca", new { mode = "managed" });
        JsonNode issued = await first.Http.SendJsonAsync(admin, HttpMethod.Post, "/api/v1/tenants/acme/devices/cam-1/certificates", new { csr = await _openssl.NewCsrAsync("cam-1") });
        await _openssl.WriteAsync("cam-1.pem", issued["certificate"]!.GetValue<string>());

        using IMqttClient live = new MqttClientFactory().CreateMqttClient();
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        live.DisconnectedAsync += _ => { closed.TrySetResult(); return Task.CompletedTask; };
        MqttClientConnectResult connected = await live.ConnectAsync(Options(tlsPort, "cam-1-live"));
        await first.Http.SendJsonAsync(admin, HttpMethod.Post, $"/api/v1/tenants/acme/certificates/{issued["serialNumber"]!.GetValue<string>()}/revoke", new { reason = "keyCompromise" });
        Task finished = await Task.WhenAny(closed.Task, Task.Delay(TimeSpan.FromSeconds(10)));
        using IMqttClient again = new MqttClientFactory().CreateMqttClient();
        MqttClientConnectResult refused = await again.ConnectAsync(Options(tlsPort, "cam-1-again"));

        connected.ResultCode.Should().Be(MqttClientConnectResultCode.Success);
        finished.Should().Be(closed.Task, "the connection on the second silo closes when the first revokes its certificate");
        refused.ResultCode.Should().NotBe(MqttClientConnectResultCode.Success);
    }

    private MqttClientOptions Options(int tlsPort, string clientId)
    {
        using X509Certificate2 pem = X509Certificate2.CreateFromPemFile(_openssl.PathOf("cam-1.pem"), _openssl.PathOf("cam-1.key"));
        X509Certificate2 certificate = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        return new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", tlsPort).WithClientId(clientId)
            .WithTlsOptions(tls => tls.UseTls().WithClientCertificates([certificate]).WithCertificateValidationHandler(_ => true))
            .Build();
    }

    public void Dispose()
    {
        _openssl.Dispose();
        _data.Dispose();
    }
}
