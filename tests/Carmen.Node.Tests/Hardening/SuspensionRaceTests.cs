using Carmen.Testing.Node;
using Carmen.Testing;
using MQTTnet;

namespace Carmen.Node.Tests.Hardening;

/// <summary>A suspension that lands the moment a device has connected still closes it.</summary>
public sealed class SuspensionRaceTests(CarmenApiFactory factory) : IClassFixture<CarmenApiFactory>
{
    [Fact]
    public async Task SuspensionRightAfterConnectClosesEveryConnection()
    {
        using CarmenClient admin = await CarmenClient.SignInAsAdminAsync(factory);
        for (int round = 0; round < 8; round++)
        {
            string tenant = await admin.CreateTenantAsync();
            string token = (await admin.CreateDeviceAsync(tenant, "d1"))["accessToken"]!.GetValue<string>();
            await using DeviceMqttClient device = await DeviceMqttClient.ConnectAsync(factory.MqttPort, token);

            Task suspension = admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{tenant}/suspend", new { reason = "race" });
            await suspension;

            (await device.Disconnected.WaitAsync(TimeSpan.FromSeconds(15))).Reason.Should().Be(MqttClientDisconnectReason.NotAuthorized, $"round {round}");
        }
    }
}
