using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Rollouts;
using Carmen.Grains.Interfaces.Tenants;
using Carmen.Grains.Interfaces.Updates;
using Carmen.Testing;

namespace Carmen.Grains.Tests;

/// <summary>
/// Rollouts post device actions to an inbox instead of calling each device: a device takes its post when it polls or
/// is pinged, its answer reaches the batch as a call's would, and a cancel recalls the posts nobody took.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RolloutInboxTests(ClusterFixture cluster)
{
    [Fact]
    public async Task DevicesTakeTheirPostWhenTheyPollOrArePingedAndACancelRecallsTheRest()
    {
        ITenantGrain tenant = await TestTenants.CreateAsync(cluster.Grains);
        string tenantId = tenant.GetPrimaryKeyString();
        foreach (string id in new[] { "d1", "d2", "d3" })
        {
            await Device(tenantId, id).AsReference<IDeviceGrain>().RegisterAsync(new DeviceDraft(null, id, "c1"), $"request-{id}");
        }

        IRolloutGrain rollout = await StartRolloutAsync(tenantId);
        await EventuallyAsync(rollout, info => info.Counts.Running == 3);

        DeviceUpdateStatus polled = await Device(tenantId, "d1").GetUpdateStatusAsync();
        await Device(tenantId, "d2").TakePostedActionsAsync();
        IReadOnlyList<RolloutMemberInfo> taken = await EventuallyMembersAsync(rollout, members => members.Count(member => member.ActionId is not null) == 2);
        RolloutInfo canceled = await rollout.CancelAsync("operator");
        IReadOnlyList<RolloutMemberInfo> after = await EventuallyMembersAsync(rollout, members => members.Any(member => member.Status == MemberStatus.Canceled));

        polled.ActiveAction.Should().NotBeNull();
        polled.ActiveAction!.Rollout!.RolloutId.Should().Be(RolloutKeys.ParseRollout(rollout.GetPrimaryKeyString()).RolloutId);
        taken.Where(member => member.ActionId is not null).Select(member => member.TargetId).Should().BeEquivalentTo("d1", "d2");
        canceled.Status.Should().Be(RolloutStatus.Canceled);
        after.Single(member => member.TargetId == "d3").Reason.Should().Be("Rollout ended before this device took its action.");
        (await Device(tenantId, "d3").GetActionsAsync()).Should().BeEmpty("its post was recalled, so waking now brings nothing");
        (await Device(tenantId, "d1").GetActionsAsync()).Single().Status.Should().Be(ActionStatus.Canceling, "a taken action is withdrawn as before");
    }

    [Fact]
    public async Task ADistributionSetIsKeptWhileARolloutDeliversItOrADeviceHasNotTakenItsPost()
    {
        ITenantGrain tenant = await TestTenants.CreateAsync(cluster.Grains);
        string tenantId = tenant.GetPrimaryKeyString();
        foreach (string id in new[] { "d1", "d2" })
        {
            await Device(tenantId, id).AsReference<IDeviceGrain>().RegisterAsync(new DeviceDraft(null, id, "c1"), $"request-{id}");
        }

        IRolloutGrain rollout = await StartRolloutAsync(tenantId, new SuccessCondition(Percentage: 50));
        await EventuallyAsync(rollout, info => info.Counts.Running == 2);
        long setId = (await rollout.GetAsync()).Spec.DistributionSetId!.Value;
        ISoftwareCatalogGrain catalog = cluster.Grains.GetGrain<ISoftwareCatalogGrain>(tenantId);
        string whileRunning = await ConflictAsync(() => catalog.DeleteDistributionSetAsync(setId));

        UpdateAction action = (await Device(tenantId, "d1").GetUpdateStatusAsync()).ActiveAction!;
        await Device(tenantId, "d1").ReportFeedbackAsync(action.Id, new ActionFeedback(DateTimeOffset.UtcNow, FeedbackExecution.Closed, FeedbackResult.Success, []));
        await EventuallyAsync(rollout, info => info.Status == RolloutStatus.Finished);
        string whilePosted = await ConflictAsync(() => catalog.DeleteDistributionSetAsync(setId));
        await Device(tenantId, "d2").GetUpdateStatusAsync();
        string whileAssigned = await ConflictAsync(() => catalog.DeleteDistributionSetAsync(setId));

        whileRunning.Should().Contain("delivered by rollout(s)");
        whilePosted.Should().Contain("posted to 1 device(s) that have not taken it yet", "the rollout finished at 50% with d2 asleep");
        whileAssigned.Should().Contain("assigned to 2 device(s)", "d1 installed it and d2 took its post");
    }

    [Fact]
    public async Task ARolloutAskingForConfirmationLeavesEachDevicesActionWaitingUntilItConfirms()
    {
        ITenantGrain tenant = await TestTenants.CreateAsync(cluster.Grains);
        string tenantId = tenant.GetPrimaryKeyString();
        await Device(tenantId, "d1").AsReference<IDeviceGrain>().RegisterAsync(new DeviceDraft(null, "d1", "c1"), "request-d1");
        IRolloutGrain rollout = await StartRolloutAsync(tenantId, confirmationRequired: true);
        await EventuallyAsync(rollout, info => info.Counts.Running == 1);

        UpdateAction waiting = (await Device(tenantId, "d1").GetUpdateStatusAsync()).ActiveAction!;
        FeedbackOutcome outcome = await Device(tenantId, "d1").ReportFeedbackAsync(
            waiting.Id, new ActionFeedback(DateTimeOffset.UtcNow, FeedbackExecution.Proceeding, FeedbackResult.None, ["user confirmed"], ForConfirmation: true));

        waiting.Status.Should().Be(ActionStatus.WaitingForConfirmation);
        outcome.Should().Be(FeedbackOutcome.Accepted);
        (await Device(tenantId, "d1").GetActionAsync(waiting.Id)).Status.Should().Be(ActionStatus.Running);
    }

    [Fact]
    public async Task ADecommissionedDeviceRefusesItsPostAndThePostIsRetiredOnceEveryDeviceAnswered()
    {
        ITenantGrain tenant = await TestTenants.CreateAsync(cluster.Grains);
        string tenantId = tenant.GetPrimaryKeyString();
        foreach (string id in new[] { "d1", "d2" })
        {
            await Device(tenantId, id).AsReference<IDeviceGrain>().RegisterAsync(new DeviceDraft(null, id, "c1"), $"request-{id}");
        }

        IRolloutGrain rollout = await StartRolloutAsync(tenantId);
        await EventuallyAsync(rollout, info => info.Counts.Running == 2);
        long postsWhileWaiting = await PostRowsAsync(tenantId);
        await Device(tenantId, "d2").AsReference<IDeviceGrain>().DecommissionAsync();
        await Device(tenantId, "d2").AsReference<IDeviceGrain>().PurgeAsync();
        await Device(tenantId, "d1").GetUpdateStatusAsync();
        IReadOnlyList<RolloutMemberInfo> members = await EventuallyMembersAsync(rollout, all => all.All(member => member.Status != MemberStatus.Running || member.ActionId is not null));
        await Eventually.HoldsAsync(async () => await PostRowsAsync(tenantId) == 0);

        postsWhileWaiting.Should().Be(1, "one request per batch, however many devices");
        members.Single(member => member.TargetId == "d2").Should().Match<RolloutMemberInfo>(member => member.Status == MemberStatus.Skipped && member.Reason == "Device is Decommissioned.");
        members.Single(member => member.TargetId == "d1").ActionId.Should().NotBeNull();
        (await PostRowsAsync(tenantId)).Should().Be(0, "every device answered, so the batch retired its post");
    }

    private Task<long> PostRowsAsync(string tenantId) =>
        cluster.Database.ReadAsync(connection =>
        {
            using Microsoft.Data.Sqlite.SqliteCommand command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM rollout_posts WHERE tenant_id = $tenant";
            command.Parameters.AddWithValue("$tenant", tenantId);
            return (long)command.ExecuteScalar()!;
        });

    private static async Task<string> ConflictAsync(Func<Task> call)
    {
        CarmenException refused = (await call.Should().ThrowAsync<CarmenException>()).Which;
        refused.Kind.Should().Be(ErrorKind.Conflict);
        return refused.Message;
    }

    private IUpdatableDeviceGrain Device(string tenantId, string deviceId) =>
        cluster.Grains.GetGrain<IUpdatableDeviceGrain>(new DeviceKey(tenantId, deviceId).ToString());

    private async Task<IRolloutGrain> StartRolloutAsync(string tenantId, SuccessCondition? success = null, bool confirmationRequired = false)
    {
        ISoftwareCatalogGrain catalog = cluster.Grains.GetGrain<ISoftwareCatalogGrain>(tenantId);
        SoftwareModuleInfo module = await catalog.CreateModuleAsync(new SoftwareModuleSpec("edge-os", "2.0.0", "os"));
        await catalog.AddArtifactAsync(module.Id, new ArtifactInfo("os.bin", 4, new string('0', 64), new string('0', 40), new string('0', 32), DateTimeOffset.UtcNow));
        DistributionSetInfo set = await catalog.CreateDistributionSetAsync(new DistributionSetSpec("edge", "2.0.0", [module.Id]));
        long id = await cluster.Grains.GetGrain<IRolloutDirectoryGrain>(tenantId).ReserveAsync();
        IRolloutGrain rollout = cluster.Grains.GetGrain<IRolloutGrain>(RolloutKeys.Rollout(tenantId, id));
        await rollout.CreateAsync(new RolloutSpec("all", set.Id, ActionType.Forced, new TargetFilter(), [new RolloutGroupSpec("all", Percentage: 100)], success ?? new SuccessCondition())
        {
            ConfirmationRequired = confirmationRequired,
        }, "operator");
        await EventuallyAsync(rollout, info => info.Status == RolloutStatus.Ready);
        await rollout.StartAsync();
        return rollout;
    }

    private static async Task<RolloutInfo> EventuallyAsync(IRolloutGrain rollout, Func<RolloutInfo, bool> condition)
    {
        RolloutInfo info = await Eventually.ReadAsync(() => rollout.GetAsync(), condition);

        condition(info).Should().BeTrue();
        return info;
    }

    private static async Task<IReadOnlyList<RolloutMemberInfo>> EventuallyMembersAsync(IRolloutGrain rollout, Func<IReadOnlyList<RolloutMemberInfo>, bool> condition)
    {
        IReadOnlyList<RolloutMemberInfo> members = await Eventually.ReadAsync(() => rollout.ListDevicesAsync(null, null, 100), condition);

        condition(members).Should().BeTrue();
        return members;
    }
}
