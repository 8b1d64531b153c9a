using System.Text.Json.Nodes;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Posture;

/// <summary>Devices unseen for the configured days while holding credentials are found; one whose token an incident rotated away is not.</summary>
public sealed class DormantDeviceTests : MovedClockHost
{
    public DormantDeviceTests()
        : base(clock => new CarmenApiFactory { PostureClock = clock })
    {
    }

    [Fact]
    public async Task DevicesUnseenForTheWindowAreDormantUnlessTheyHoldNoCredentialAnyMore()
    {
        CarmenClient admin = await CarmenClient.SignInAsAdminAsync(Factory);
        string tenant = await admin.CreateTenantAsync();
        string api = $"/api/v1/tenants/{tenant}";
        await admin.CreateDeviceAsync(tenant, "forgotten");
        await admin.CreateDeviceAsync(tenant, "retired-token");
        await admin.SendOkAsync(HttpMethod.Put, $"{api}/posture/settings", new { dormantAfterDays = 10 });
        long incident = (await admin.SendOkAsync(HttpMethod.Post, $"{api}/incidents", new { title = "Rotate", devices = new[] { "retired-token" }, actions = new[] { "rotateTokens" } }))["id"]!.GetValue<long>();
        await admin.GetEventuallyAsync($"{api}/incidents/{incident}", body => body["status"]!.GetValue<string>() == "contained");

        PostureTests.Finding(await admin.SendOkAsync(HttpMethod.Post, $"{api}/posture/checks"), "dormantDevices").Should().BeNull("both were registered just now");
        Clock.Advance(TimeSpan.FromDays(11));
        JsonObject dormant = PostureTests.Finding(await admin.SendOkAsync(HttpMethod.Post, $"{api}/posture/checks"), "dormantDevices")!;

        dormant["devices"]!.AsArray().Select(device => device!["deviceId"]!.GetValue<string>()).Should().Equal("forgotten");
        dormant["devices"]![0]!["detail"]!.GetValue<string>().Should().StartWith("never seen; registered");
        dormant["mitigation"]!["filter"]!["postureFinding"]!.GetValue<string>().Should().Be("dormantDevices");
    }
}
