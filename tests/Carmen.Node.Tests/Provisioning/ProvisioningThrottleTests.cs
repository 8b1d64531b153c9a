using System.Text.Json.Nodes;
using Carmen.Testing.Node;
using Carmen.Testing;
using MQTTnet;

namespace Carmen.Node.Tests.Provisioning;

/// <summary>Guessing a profile's secret is throttled like guessing a device token: the address is banned.</summary>
public sealed class ProvisioningThrottleTests : IAsyncLifetime
{
    private readonly CarmenApiFactory _factory = new() { Settings = new Dictionary<string, string> { ["Carmen:Mqtt:AuthFailureLimit"] = "3" } };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task WrongSecretsGetTheAddressBanned()
    {
        (CarmenClient admin, string tenant, _) = await CarmenClient.TenantWithDeviceAsync(_factory, "d1");
        (string key, string secret) = await admin.ProfileAsync(tenant);
        await using DeviceMqttClient provisioning = await ProvisioningHost.ConnectAsync(_factory.MqttPort);
        for (int guess = 0; guess < 3; guess++)
        {
            (await provisioning.RequestAsync(new { deviceName = "g1", provisionDeviceKey = key, provisionDeviceSecret = $"guessed-secret-number-{guess}" }))
                ["status"]!.GetValue<string>().Should().Be("FAILURE");
        }

        JsonObject rightSecretTooLate = await provisioning.RequestAsync(new { deviceName = "g1", provisionDeviceKey = key, provisionDeviceSecret = secret });
        Func<Task> reconnect = () => DeviceMqttClient.ConnectAsync(_factory.MqttPort, "provision");

        rightSecretTooLate["errorMsg"]!.GetValue<string>().Should().Contain("Too many failed requests");
        (await reconnect.Should().ThrowAsync<DeviceConnectRefusedException>()).Which.ResultCode.Should().Be(MqttClientConnectResultCode.Banned);
    }
}
