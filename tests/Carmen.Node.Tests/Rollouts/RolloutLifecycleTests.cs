using System.Net;
using System.Text.Json.Nodes;
using Carmen.Testing.Node;
using static Carmen.Node.Tests.Rollouts.RolloutSetup;

namespace Carmen.Node.Tests.Rollouts;

/// <summary>The rollout state machine through the REST API, with devices answering over DDI as update clients do.</summary>
public sealed class RolloutLifecycleTests(RolloutHost host) : IClassFixture<RolloutHost>
{
    private CarmenApiFactory Factory => host.Factory;

    [Fact]
    public async Task CanaryGroupFinishesThenTheRestOfTheFleetIsUpdated()
    {
        using RolloutSetup setup = await CreateAsync(Factory, devices: 10);
        long id = await setup.CreateRolloutAsync(new
        {
            name = "2.0 everywhere",
            distributionSetId = setup.NewSetId,
            groups = new object[] { new { name = "canary", percentage = 20 }, new { name = "rest", percentage = 100 } },
        });
        JsonObject ready = await setup.GetAsync(id);

        await setup.ActAsync(id, "start");
        await setup.WaitAsync(id, rollout => Count(rollout["groups"]![0]!["counts"]!, "running") == 2);
        List<string> canary = await setup.DevicesWithActionsAsync(10);
        foreach (string device in canary)
        {
            await setup.FinishAsync(device);
        }

        await setup.WaitAsync(id, rollout => Count(rollout["groups"]![1]!["counts"]!, "running") == 8);
        foreach (string device in Enumerable.Range(1, 10).Select(Device).Except(canary))
        {
            await setup.FinishAsync(device);
        }

        JsonObject finished = await setup.WaitAsync(id, rollout => rollout["status"]!.GetValue<string>() == "finished");

        ready["status"]!.GetValue<string>().Should().Be("ready");
        ready["totalTargets"]!.GetValue<int>().Should().Be(10);
        (ready["groups"]![0]!["size"]!.GetValue<int>(), ready["groups"]![1]!["size"]!.GetValue<int>()).Should().Be((2, 8));
        canary.Should().HaveCount(2, "only the canary group is notified first");
        Count(finished["counts"]!, "succeeded").Should().Be(10);
        finished["completedPercentage"]!.GetValue<double>().Should().Be(100);
        finished["groups"]!.AsArray().Select(group => group!["status"]!.GetValue<string>()).Should().AllBe("completed");
        (await setup.Admin.GetAsync($"/api/v1/tenants/{setup.Tenant}/devices/d07"))["firmwareVersion"]!.GetValue<string>().Should().Be("edge 2.0.0");
    }

    [Fact]
    public async Task ApprovalGatesTheRolloutAndTheNextGroup()
    {
        using RolloutSetup setup = await CreateAsync(Factory, devices: 4);
        long id = await setup.CreateRolloutAsync(new
        {
            name = "approved stages",
            distributionSetId = setup.NewSetId,
            requireApproval = true,
            groups = new object[] { new { percentage = 50, successCondition = new { requireApproval = true } }, new { percentage = 100 } },
        });
        JsonObject waiting = await setup.GetAsync(id);
        HttpResponseMessage early = await setup.Admin.SendAsync(HttpMethod.Post, $"{setup.Rollouts}/{id}/start");
        JsonObject approved = await setup.ActAsync(id, "approve");
        await setup.ActAsync(id, "start");
        foreach (string device in await setup.DevicesWithActionsAsync(4, expected: 2))
        {
            await setup.FinishAsync(device);
        }

        JsonObject gate = await setup.WaitAsync(id, rollout => rollout["groups"]![0]!["status"]!.GetValue<string>() == "waitingForApproval");
        await setup.ActAsync(id, "approve");
        JsonObject expanded = await setup.WaitAsync(id, rollout => Count(rollout["groups"]![1]!["counts"]!, "running") == 2);

        waiting["status"]!.GetValue<string>().Should().Be("waitingForApproval");
        await early.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (approved["status"]!.GetValue<string>(), approved["approvedBy"]!.GetValue<string>()).Should().Be(("ready", "admin"));
        gate["groups"]![1]!["status"]!.GetValue<string>().Should().Be("scheduled");
        expanded["groups"]![0]!["status"]!.GetValue<string>().Should().Be("completed");
    }

    [Fact]
    public async Task DeniedRolloutNeverStarts()
    {
        using RolloutSetup setup = await CreateAsync(Factory, devices: 1);
        long id = await setup.CreateRolloutAsync(new { name = "risky", distributionSetId = setup.NewSetId, requireApproval = true, groups = new object[] { new { percentage = 100 } } });

        JsonObject denied = await setup.ActAsync(id, "deny", new { remark = "not before the audit" });
        HttpResponseMessage start = await setup.Admin.SendAsync(HttpMethod.Post, $"{setup.Rollouts}/{id}/start");

        (denied["status"]!.GetValue<string>(), denied["statusReason"]!.GetValue<string>()).Should().Be(("denied", "Denied by admin: not before the audit."));
        await start.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await setup.ActionsAsync("d01")).Should().BeEmpty();
    }

    [Fact]
    public async Task ClosedMaintenanceWindowHoldsNotificationsAndAnOpenOneLetsThemGo()
    {
        using RolloutSetup setup = await CreateAsync(Factory, devices: 2);
        int closedHour = (DateTime.UtcNow.Hour + 12) % 24;
        long held = await setup.CreateRolloutAsync(new
        {
            name = "tonight",
            distributionSetId = setup.NewSetId,
            groups = new object[] { new { count = 1 } },
            maintenanceWindow = new { schedule = $"0 {closedHour} * * *", duration = "00:30:00", timeZone = "UTC" },
        });
        long open = await setup.CreateRolloutAsync(new
        {
            name = "any minute",
            distributionSetId = setup.OldSetId,
            groups = new object[] { new { count = 2 } },
            maintenanceWindow = new { schedule = "* * * * *", duration = "00:01:00" },
        });

        await setup.ActAsync(held, "start");
        await setup.ActAsync(open, "start");
        await setup.WaitAsync(open, rollout => Count(rollout["counts"]!, "running") == 2);
        await Task.Delay(500);
        JsonObject stillHeld = await setup.GetAsync(held);

        Count(stillHeld["counts"]!, "scheduled").Should().Be(1, "nothing is notified outside the window");
        stillHeld["status"]!.GetValue<string>().Should().Be("running");
        (await setup.ActiveActionAsync("d01"))!["maintenanceWindow"].Should().NotBeNull("the window travels with the action, so the device installs inside it too");
    }

    [Fact]
    public async Task PacingNotifiesNoMoreDevicesPerMinuteThanAllowed()
    {
        using RolloutSetup setup = await CreateAsync(Factory, devices: 5);
        long id = await setup.CreateRolloutAsync(new { name = "slow", distributionSetId = setup.NewSetId, groups = new object[] { new { percentage = 100 } }, pacing = new { maxPerMinute = 2 } });

        await setup.ActAsync(id, "start");
        await setup.WaitAsync(id, rollout => Count(rollout["counts"]!, "running") == 2);
        await Task.Delay(1000);
        JsonObject later = await setup.GetAsync(id);

        (Count(later["counts"]!, "running"), Count(later["counts"]!, "scheduled")).Should().Be((2, 3));
    }

    [Fact]
    public async Task SilentDeviceTimesOutIsRetriedAndThenFails()
    {
        using RolloutSetup setup = await CreateAsync(Factory, devices: 1);
        long id = await setup.CreateRolloutAsync(new
        {
            name = "impatient",
            distributionSetId = setup.NewSetId,
            groups = new object[] { new { percentage = 100 } },
            successCondition = new { percentage = 100 },
            inProgressTimeout = "00:00:01",
            maxRetries = 1,
        });

        await setup.ActAsync(id, "start");
        await setup.WaitAsync(id, rollout => Count(rollout["counts"]!, "failed") == 1);
        JsonArray actions = await setup.ActionsAsync("d01");
        JsonNode member = (await setup.Admin.GetAsync($"{setup.Rollouts}/{id}/devices"))["items"]![0]!;

        actions.Select(action => action!["status"]!.GetValue<string>()).Should().Equal("error", "error");
        actions[0]!["feedback"]!.ToJsonString().Should().Contain("No outcome within 00:00:01");
        (member["attempts"]!.GetValue<int>(), member["status"]!.GetValue<string>()).Should().Be((2, "failed"));
    }

    [Fact]
    public async Task OverlappingRolloutsYieldToHigherPriorityAndManualAssignments()
    {
        using RolloutSetup setup = await CreateAsync(Factory, devices: 2);
        await setup.Admin.SendOkAsync(HttpMethod.Post, $"/api/v1/tenants/{setup.Tenant}/devices/d02/assignments", new { distributionSetId = setup.OldSetId });
        long high = await setup.CreateRolloutAsync(new { name = "high", distributionSetId = setup.NewSetId, priority = 5, groups = new object[] { new { percentage = 100 } } });
        await setup.ActAsync(high, "start");
        await setup.WaitAsync(high, rollout => Count(rollout["counts"]!, "scheduled") == 0);
        await setup.PollAsync("d01", "d02");
        long firstAction = await setup.WaitForActionAsync("d01");
        await setup.WaitAsync(high, rollout => Count(rollout["counts"]!, "running") == 1);

        long low = await setup.CreateRolloutAsync(new { name = "low", distributionSetId = setup.OldSetId, priority = 1, groups = new object[] { new { percentage = 100 } } });
        await setup.ActAsync(low, "start");
        await setup.WaitAsync(low, rollout => Count(rollout["counts"]!, "scheduled") == 0);
        await setup.PollAsync("d01", "d02");
        JsonObject lowDone = await setup.WaitAsync(low, rollout => Count(rollout["counts"]!, "skipped") == 2);
        long urgent = await setup.CreateRolloutAsync(new { name = "urgent", distributionSetId = setup.OldSetId, priority = 9, groups = new object[] { new { percentage = 100 } } });
        await setup.ActAsync(urgent, "start");
        await setup.WaitAsync(urgent, rollout => Count(rollout["counts"]!, "scheduled") == 0);
        await setup.PollAsync("d01", "d02");
        await setup.WaitAsync(urgent, rollout => Count(rollout["counts"]!, "running") == 1);
        JsonArray d01 = await setup.ActionsAsync("d01");

        string reasons = (await setup.Admin.GetAsync($"{setup.Rollouts}/{low}/devices?status=skipped"))["items"]!.ToJsonString();
        reasons.Should().Contain("priority 5").And.Contain("manual assignment");
        lowDone["status"]!.GetValue<string>().Should().Be("finished", "skipped devices do not hold a group back");
        d01.Select(action => (action!["id"]!.GetValue<long>(), action["status"]!.GetValue<string>())).Should().StartWith([(firstAction + 1, "running"), (firstAction, "canceling")]);
    }

    [Fact]
    public async Task CancelDropsDevicesNotYetNotifiedAndWithdrawsActionsUnderWay()
    {
        using RolloutSetup setup = await CreateAsync(Factory, devices: 4);
        long id = await setup.CreateRolloutAsync(new { name = "stop me", distributionSetId = setup.NewSetId, groups = new object[] { new { percentage = 50 }, new { percentage = 100 } } });
        await setup.ActAsync(id, "start");
        List<string> notified = await setup.DevicesWithActionsAsync(4, expected: 2);

        JsonObject canceled = await setup.ActAsync(id, "cancel");
        JsonArray deviceRecords = (await setup.Admin.GetEventuallyAsync($"/api/v1/tenants/{setup.Tenant}/audit?source=device",
            page => page["records"]!.AsArray().Count == 4))["records"]!.AsArray();

        (canceled["status"]!.GetValue<string>(), canceled["statusReason"]!.GetValue<string>()).Should().Be(("canceled", "Canceled by admin."));
        (canceled["groups"]![1]!["status"]!.GetValue<string>(), Count(canceled["groups"]![1]!["counts"]!, "canceled")).Should().Be(("canceled", 2));
        (await setup.WaitForActionStatusAsync(notified[0], "canceling")).Should().BeTrue("the device is asked to cancel its action");
        deviceRecords.Select(record => (record!["action"]!.GetValue<string>(), record["targetId"]!.GetValue<string>())).Should().BeEquivalentTo(
            notified.SelectMany(device => new[] { ("updateActionAssigned", device), ("updateActionCanceled", device) }),
            "the trail has each action the rollout gave and took back, though no API call named the devices");
        deviceRecords.Should().OnlyContain(record => record!["actor"]!["name"]!.GetValue<string>() == $"rollout:{id}");
    }

    [Fact]
    public async Task RolloutsAndTheirTenantAreDeletedOnlyOnceSettledAndATenantOfTheSameIdStartsEmpty()
    {
        using RolloutSetup setup = await CreateAsync(Factory, devices: 1);
        string tenantPath = $"/api/v1/tenants/{setup.Tenant}";
        long running = await setup.CreateRolloutAsync(new { name = "under way", distributionSetId = setup.NewSetId, groups = new object[] { new { percentage = 100 } } });
        await setup.ActAsync(running, "start");
        await setup.WaitAsync(running, rollout => Count(rollout["counts"]!, "running") == 1);
        HttpResponseMessage whileRunning = await setup.Admin.SendAsync(HttpMethod.Delete, $"{setup.Rollouts}/{running}");
        await setup.ActAsync(running, "pause");
        await setup.Admin.SendOkAsync(HttpMethod.Delete, $"{tenantPath}/devices/d01");
        HttpResponseMessage tenantWhileRunning = await setup.Admin.SendAsync(HttpMethod.Delete, $"{tenantPath}?confirm={setup.Tenant}");
        await setup.ActAsync(running, "cancel");
        await setup.WaitAsync(running, rollout => Count(rollout["counts"]!, "running") + Count(rollout["counts"]!, "scheduled") == 0);
        HttpResponseMessage deleted = await setup.Admin.SendAsync(HttpMethod.Delete, $"{setup.Rollouts}/{running}");
        long ready = await setup.CreateRolloutAsync(new { name = "never started", distributionSetId = setup.NewSetId, groups = new object[] { new { percentage = 100 } } });

        HttpResponseMessage tenantDeleted = await setup.Admin.SendAsync(HttpMethod.Delete, $"{tenantPath}?confirm={setup.Tenant}");
        await setup.Admin.CreateTenantAsync(setup.Tenant);

        (await whileRunning.ShouldBeProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>().Should().Contain("cancel it before deleting it");
        (await tenantWhileRunning.ShouldBeProblemAsync(HttpStatusCode.Conflict))["detail"]!.GetValue<string>().Should().Contain($"rollout(s) {running} still under way");
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        tenantDeleted.StatusCode.Should().Be(HttpStatusCode.NoContent, "the ended rollout and the ready one go with the tenant");
        (await setup.Admin.GetAsync(setup.Rollouts))["items"]!.AsArray().Should().BeEmpty();
        (await setup.Admin.SendAsync(HttpMethod.Get, $"{setup.Rollouts}/{ready}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await setup.Admin.GetAsync($"{tenantPath}/software-modules"))["items"]!.AsArray().Should().BeEmpty();
        (await setup.Admin.GetAsync($"{tenantPath}/distribution-sets"))["items"]!.AsArray().Should().BeEmpty();
        (await setup.Admin.GetAsync($"{tenantPath}/ddi-settings"))["gatewayTokenIssued"]!.GetValue<bool>().Should().BeFalse("the old tenant's gateway token must not open the new one");
    }

    [Fact]
    public async Task RetryNotifiesFailedDevicesAgainAndTriggerNextStartsTheNextGroupEarly()
    {
        using RolloutSetup setup = await CreateAsync(Factory, devices: 4);
        long id = await setup.CreateRolloutAsync(new
        {
            name = "second chance",
            distributionSetId = setup.NewSetId,
            groups = new object[] { new { percentage = 50 }, new { percentage = 100 } },
        });
        await setup.ActAsync(id, "start");
        JsonObject triggered = await setup.ActAsync(id, "trigger-next");
        await setup.WaitAsync(id, rollout => Count(rollout["counts"]!, "running") == 4);
        await setup.FinishAsync("d01", "failure");
        foreach (string device in new[] { "d02", "d03", "d04" })
        {
            await setup.FinishAsync(device);
        }

        await setup.WaitAsync(id, rollout => Count(rollout["counts"]!, "failed") == 1 && Count(rollout["counts"]!, "succeeded") == 3);
        await setup.ActAsync(id, "retry");
        await setup.FinishAsync("d01");
        JsonObject finished = await setup.WaitAsync(id, rollout => rollout["status"]!.GetValue<string>() == "finished");

        triggered["groups"]![1]!["status"]!.GetValue<string>().Should().Be("running");
        Count(finished["counts"]!, "succeeded").Should().Be(4);
        (await setup.ActionsAsync("d01")).Select(action => action!["status"]!.GetValue<string>()).Should().Equal("finished", "error");
    }

    [Fact]
    public async Task InvalidRolloutIsRefusedWithTheFieldAtFault()
    {
        using RolloutSetup setup = await CreateAsync(Factory, devices: 1);
        object[] oneGroup = [new { percentage = 100 }];

        JsonObject expression = await (await setup.Admin.SendAsync(HttpMethod.Post, setup.Rollouts,
            new { name = "x", distributionSetId = setup.NewSetId, groups = oneGroup, healthGate = new { expression = "cpu < 90 and temp >", window = "00:10:00" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "healthGate.expression");
        await (await setup.Admin.SendAsync(HttpMethod.Post, setup.Rollouts, new { name = "x", distributionSetId = setup.NewSetId, groups = Array.Empty<object>() }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "groups");
        await (await setup.Admin.SendAsync(HttpMethod.Post, setup.Rollouts, new { name = "x", distributionSetId = 9999, groups = oneGroup }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "distributionSetId");
        await (await setup.Admin.SendAsync(HttpMethod.Post, setup.Rollouts, new { name = "x", distributionSetId = setup.NewSetId, groups = new object[] { new { percentage = 10, count = 3 } } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "groups[0]");
        await (await setup.Admin.SendAsync(HttpMethod.Post, setup.Rollouts, new { name = "x", distributionSetId = setup.NewSetId, groups = oneGroup, errorCondition = new { count = 1, action = "explode" } }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "errorCondition.action");

        expression["detail"]!.GetValue<string>().Should().Contain("position 20");
        (await setup.Admin.GetAsync(setup.Rollouts))["items"]!.AsArray().Should().BeEmpty("a refused rollout leaves nothing behind");
    }

    [Fact]
    public async Task RolloutOfAnotherTenantIsOutOfReach()
    {
        using RolloutSetup mine = await CreateAsync(Factory, devices: 1);
        using RolloutSetup theirs = await CreateAsync(Factory, devices: 1);
        long id = await mine.CreateRolloutAsync(new { name = "mine", distributionSetId = mine.NewSetId, groups = new object[] { new { percentage = 100 } } });
        using CarmenClient other = await CarmenClient.SignInAsync(Factory, theirs.Tenant, $"{theirs.Tenant}-admin", CarmenClient.UserPassword);

        HttpResponseMessage read = await other.SendAsync(HttpMethod.Get, $"{mine.Rollouts}/{id}");
        HttpResponseMessage start = await other.SendAsync(HttpMethod.Post, $"{mine.Rollouts}/{id}/start");
        HttpResponseMessage ownPath = await other.SendAsync(HttpMethod.Get, $"{theirs.Rollouts}/{id}");

        read.StatusCode.Should().Be(HttpStatusCode.NotFound, "another tenant's resources do not exist for the caller");
        start.StatusCode.Should().Be(HttpStatusCode.NotFound);
        ownPath.StatusCode.Should().Be(HttpStatusCode.NotFound, "rollout ids are per tenant; the other tenant has no rollout of that id");
        (await mine.GetAsync(id))["status"]!.GetValue<string>().Should().Be("ready");
    }
}
