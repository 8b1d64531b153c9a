using System.Text.Json.Nodes;
using Carmen.Testing.Node;
using static Carmen.Node.Tests.Rollouts.RolloutSetup;

namespace Carmen.Node.Tests.Rollouts;

/// <summary>A rollout's error condition: pausing (and telling the tenant's rolloutPaused rules) or rolling back.</summary>
public sealed class RolloutErrorConditionTests(RolloutHost host) : IClassFixture<RolloutHost>
{
    private CarmenApiFactory Factory => host.Factory;

    [Fact]
    public async Task ErrorConditionPausesTheRolloutUntilResumed()
    {
        using RolloutSetup setup = await CreateAsync(Factory, devices: 6);
        long id = await setup.CreateRolloutAsync(new
        {
            name = "pause on first failure",
            distributionSetId = setup.NewSetId,
            groups = new object[] { new { percentage = 50 }, new { percentage = 100 } },
            successCondition = new { percentage = 60 },
            errorCondition = new { count = 1, action = "pause" },
        });
        string alertRules = $"/api/v1/tenants/{setup.Tenant}/alert-rules";
        await setup.Admin.SendOkAsync(HttpMethod.Post, alertRules, new { name = "Rollout paused", severity = "critical", scope = new { type = "tenant" }, condition = new { @event = "rolloutPaused" } });
        await setup.Admin.SendOkAsync(HttpMethod.Post, alertRules, new { name = "Device-scoped", severity = "minor", scope = new { type = "cluster", id = "c1" }, condition = new { @event = "rolloutPaused" } });
        await setup.ActAsync(id, "start");
        List<string> first = await setup.DevicesWithActionsAsync(6, expected: 3);

        await setup.FinishAsync(first[0], "failure");
        JsonObject paused = await setup.WaitAsync(id, rollout => rollout["status"]!.GetValue<string>() == "paused");
        JsonObject alerts = await setup.Admin.GetEventuallyAsync($"/api/v1/tenants/{setup.Tenant}/alerts", page => page["items"]!.AsArray().Count > 0);
        JsonObject alert = await setup.Admin.GetAsync($"/api/v1/tenants/{setup.Tenant}/alerts/{alerts["items"]![0]!["id"]}");
        await setup.FinishAsync(first[1]);
        await setup.FinishAsync(first[2]);
        await Task.Delay(500);
        JsonObject stillPaused = await setup.GetAsync(id);
        await setup.ActAsync(id, "resume");
        JsonObject resumed = await setup.WaitAsync(id, rollout => Count(rollout["groups"]![1]!["counts"]!, "running") == 3);

        paused["statusReason"]!.GetValue<string>().Should().Contain("1 of 1 devices failed");
        alerts["items"]!.AsArray().Should().ContainSingle("a rollout is the tenant's: a cluster-scoped rule does not hear it");
        (alert["ruleName"]!.GetValue<string>(), alert["event"]!.GetValue<string>(), alert["deviceId"]!.GetValue<string>()).Should().Be(("Rollout paused", "rolloutPaused", ""));
        alert["details"]!["rolloutId"]!["value"]!.GetValue<long>().Should().Be(id);
        alert["details"]!["reason"]!["value"]!.GetValue<string>().Should().Contain("1 of 1 devices failed");
        stillPaused["groups"]![1]!["status"]!.GetValue<string>().Should().Be("scheduled", "a paused rollout starts no group");
        resumed["status"]!.GetValue<string>().Should().Be("running");
        (await setup.Admin.GetAsync($"{setup.Rollouts}/{id}/devices?status=failed"))["items"]!.AsArray().Single()!["reason"]!.GetValue<string>()
            .Should().Contain("install failure");
    }

    [Fact]
    public async Task ErrorConditionRollsBackUpdatedAndFailedDevicesToTheirPreviousSet()
    {
        using RolloutSetup setup = await CreateAsync(Factory, devices: 4);
        for (int i = 1; i <= 4; i++)
        {
            await setup.InstallOldSetAsync(Device(i));
        }

        long id = await setup.CreateRolloutAsync(new
        {
            name = "roll back at half failed",
            distributionSetId = setup.NewSetId,
            groups = new object[] { new { percentage = 100 } },
            errorCondition = new { percentage = 50, minSample = 2, action = "rollback" },
        });
        await setup.ActAsync(id, "start");
        await setup.DevicesWithActionsAsync(4, expected: 4);

        await setup.FinishAsync("d01");
        await setup.FinishAsync("d02", "failure");
        JsonObject rolledBack = await setup.WaitAsync(id, rollout => rollout["status"]!.GetValue<string>() == "rolledBack");
        await setup.WaitAsync(id, rollout => Count(rollout["counts"]!, "rollingBack") == 1);
        JsonNode rollbackAction = (await setup.ActionsAsync("d01"))[0]!;
        await setup.FinishAsync("d01");
        JsonObject after = await setup.WaitAsync(id, rollout => Count(rollout["counts"]!, "rolledBack") == 2);

        rolledBack["statusReason"]!.GetValue<string>().Should().Contain("1 of 2 devices failed");
        rollbackAction["deployment"]!["distributionSetId"]!.GetValue<long>().Should().Be(setup.OldSetId, "the updated device goes back to the set it ran before");
        (await setup.Admin.GetAsync($"/api/v1/tenants/{setup.Tenant}/devices/d01"))["firmwareVersion"]!.GetValue<string>().Should().Be("edge 1.0.0");
        (await setup.WaitForActionStatusAsync("d03", "canceling")).Should().BeTrue("what had not finished is canceled");
        Count(after["groups"]![0]!["counts"]!, "failed").Should().Be(0, "the failed device still ran the old set, so it counts as rolled back");
    }
}
