using Carmen.Testing.Node;
using Carmen.Testing;
using MQTTnet;

namespace Carmen.Node.Tests.Mqtt;

/// <summary>An address that keeps failing CONNECT is blocked for a while; a node of its own, since the block covers every test from 127.0.0.1.</summary>
public sealed class RepeatedAuthFailureTests : IAsyncLifetime
{
    private readonly CarmenApiFactory _factory = new()
    {
        Settings = new Dictionary<string, string> { ["Carmen:Mqtt:AuthFailureLimit"] = "3", ["Carmen:Mqtt:AuthBlockDuration"] = "00:10:00" },
    };

    [Fact]
    public async Task RepeatedFailuresFromOneAddressGetItBannedEvenWithAValidToken()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(_factory);
        string tenant = await admin.CreateTenantAsync();
        string token = (await admin.CreateDeviceAsync(tenant, "d1"))["accessToken"]!.GetValue<string>();

        for (int attempt = 0; attempt < 3; attempt++)
        {
            (await RefusalAsync("guess-" + attempt + "-0000000000000000")).Should().Be(MqttClientConnectResultCode.BadUserNameOrPassword);
        }

        (await RefusalAsync(token)).Should().Be(MqttClientConnectResultCode.Banned);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    private async Task<MqttClientConnectResultCode> RefusalAsync(string token)
    {
        Func<Task> connect = () => DeviceMqttClient.ConnectAsync(_factory.MqttPort, token);
        return (await connect.Should().ThrowAsync<DeviceConnectRefusedException>()).Which.ResultCode;
    }
}
