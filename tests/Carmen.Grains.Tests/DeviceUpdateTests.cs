using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Tenants;
using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Grains.Tests;

/// <summary>The update side of the device grain: state transitions and the bounded action history.</summary>
[Collection(ClusterCollection.Name)]
public sealed class DeviceUpdateTests(ClusterFixture cluster)
{
    [Fact]
    public async Task HistoryKeepsTheNewestSettledActionsAndAlwaysTheOneThatInstalled()
    {
        (IUpdatableDeviceGrain device, string tenantId) = await DeviceAsync();
        UpdateAction installed = await device.AssignAsync(new AssignmentRequest(Deployment(1), ActionType.Forced));
        await device.ReportFeedbackAsync(installed.Id, Feedback(FeedbackExecution.Closed, FeedbackResult.Success));

        for (int round = 0; round < 25; round++)
        {
            UpdateAction action = await device.AssignAsync(new AssignmentRequest(Deployment(2), ActionType.Soft));
            await device.ReportFeedbackAsync(action.Id, Feedback(FeedbackExecution.Closed, FeedbackResult.Failure));
        }

        IReadOnlyList<UpdateAction> actions = await device.GetActionsAsync();
        actions.Should().HaveCount(21);
        actions[0].Id.Should().Be(26, "newest first");
        actions.Should().ContainSingle(action => action.Id == installed.Id && action.Status == ActionStatus.Finished);
        (await device.GetUpdateStatusAsync()).InstalledDistributionSetId.Should().Be(1);
        (await cluster.Index.CountReferencingDistributionSetAsync(tenantId, 1)).Should().Be(1);
        (await cluster.Index.CountReferencingDistributionSetAsync(tenantId, 2)).Should().Be(0, "no action for set 2 is active");
    }

    [Fact]
    public async Task CancelRejectedByTheDeviceReturnsTheActionToRunning()
    {
        (IUpdatableDeviceGrain device, _) = await DeviceAsync();
        UpdateAction action = await device.AssignAsync(new AssignmentRequest(Deployment(1), ActionType.Forced));

        await device.CancelActionAsync(action.Id);
        await device.ReportFeedbackAsync(action.Id, Feedback(FeedbackExecution.Rejected, FeedbackResult.None) with { ForCancellation = true });

        (await device.GetActionAsync(action.Id)).Status.Should().Be(ActionStatus.Running);
        (await device.GetUpdateStatusAsync()).TargetDistributionSetId.Should().Be(1);
    }

    [Fact]
    public async Task DownloadOnlyFinishesAtDownloadedWithoutInstalling()
    {
        (IUpdatableDeviceGrain device, _) = await DeviceAsync();
        UpdateAction action = await device.AssignAsync(new AssignmentRequest(Deployment(1), ActionType.DownloadOnly));

        await device.ReportFeedbackAsync(action.Id, Feedback(FeedbackExecution.Downloaded, FeedbackResult.None));

        (await device.GetActionAsync(action.Id)).Status.Should().Be(ActionStatus.Finished);
        (await device.GetUpdateStatusAsync()).InstalledDistributionSetId.Should().BeNull();
        (await device.GetOfferAsync(action.Id)).Update.Should().Be("skip");
    }

    private async Task<(IUpdatableDeviceGrain Device, string TenantId)> DeviceAsync()
    {
        ITenantGrain tenant = await TestTenants.CreateAsync(cluster.Grains);
        var key = new DeviceKey(tenant.GetPrimaryKeyString(), "d1");
        await cluster.Grains.GetGrain<IDeviceGrain>(key.ToString()).RegisterAsync(new DeviceDraft(null, "Gateway", "c1"), "request-1");
        return (cluster.Grains.GetGrain<IUpdatableDeviceGrain>(key.ToString()), key.TenantId);
    }

    private static Deployment Deployment(long setId) =>
        new(setId, $"set-{setId}", "1.0", [new DeploymentChunk(7, "os", "image", "1.0", [], [new ArtifactInfo("image.bin", 3, "00", "00", "00", DateTimeOffset.UnixEpoch)])], []);

    private static ActionFeedback Feedback(FeedbackExecution execution, FeedbackResult result) =>
        new(DateTimeOffset.UtcNow, execution, result, []);
}
