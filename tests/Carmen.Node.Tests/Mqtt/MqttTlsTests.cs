using Carmen.Testing.Node;
using Carmen.Testing;
using MQTTnet;

namespace Carmen.Node.Tests.Mqtt;

/// <summary>MQTT over TLS when a certificate is configured, with a self-signed certificate made for the test.</summary>
public sealed class MqttTlsTests : IAsyncLifetime
{
    private readonly string _certificatePath = Path.Combine(Path.GetTempPath(), $"carmen-mqtt-{Guid.NewGuid():N}.pfx");
    private readonly int _tlsPort = FreePorts.Next();
    private readonly CarmenApiFactory _factory;

    public MqttTlsTests()
    {
        TestCertificates.WritePfx(_certificatePath, "CN=localhost", "tls-test", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        _factory = new CarmenApiFactory
        {
            Settings = new Dictionary<string, string>
            {
                ["Carmen:Mqtt:CertificatePath"] = _certificatePath,
                ["Carmen:Mqtt:CertificatePassword"] = "tls-test",
                ["Carmen:Mqtt:TlsPort"] = _tlsPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        };
    }

    [Fact]
    public async Task DeviceConnectsAndPublishesOverTls()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(_factory);
        string tenant = await admin.CreateTenantAsync();
        string token = (await admin.CreateDeviceAsync(tenant, "secure"))["accessToken"]!.GetValue<string>();
        using IMqttClient client = new MqttClientFactory().CreateMqttClient();
        MqttClientOptions options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _tlsPort)
            .WithTlsOptions(tls => tls.UseTls().WithCertificateValidationHandler(_ => true))
            .WithCredentials(token, (string?)null)
            .Build();

        (await client.ConnectAsync(options)).ResultCode.Should().Be(MqttClientConnectResultCode.Success);
        (await client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic("v1/devices/me/telemetry").WithPayload("""{"tls":1}""")
            .WithQualityOfServiceLevel(MQTTnet.Protocol.MqttQualityOfServiceLevel.AtLeastOnce).Build())).IsSuccess.Should().BeTrue();

        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/secure/telemetry/latest"))["tls"]!["value"]!.GetValue<int>().Should().Be(1);
        (await admin.GetAsync($"/api/v1/tenants/{tenant}/devices/secure/diagnostics"))["connected"]!.GetValue<bool>().Should().BeTrue();
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        File.Delete(_certificatePath);
    }
}
