using Carmen.Grains.Devices;
using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Grains.Tests.Devices;

/// <summary>The update-action state machine on its own: offers, what a device's report moves an action to, and the bounds.</summary>
public sealed class UpdateActionsTests
{
    private static readonly DateTimeOffset s_now = new(2026, 12, 6, 3, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(ActionType.Forced, null, "forced", "forced")]
    [InlineData(ActionType.Soft, null, "attempt", "attempt")]
    [InlineData(ActionType.TimeForced, -1, "forced", "forced")]
    [InlineData(ActionType.TimeForced, 1, "attempt", "attempt")]
    [InlineData(ActionType.DownloadOnly, null, "forced", "skip")]
    public void AnActionIsOfferedAsHawkBitDoes(ActionType type, int? forceInHours, string download, string update)
    {
        UpdateAction action = Action(1, ActionStatus.Running, type) with { ForceTime = forceInHours is int hours ? s_now.AddHours(hours) : null };

        DeploymentOffer offer = UpdateActions.Offer(action, s_now);

        (offer.Download, offer.Update, offer.MaintenanceWindow).Should().Be((download, update, null));
    }

    [Fact]
    public void AClosedMaintenanceWindowSkipsTheUpdateButNotTheDownload()
    {
        UpdateAction action = Action(1, ActionStatus.Running, ActionType.Forced) with { MaintenanceWindow = new MaintenanceWindow("0 2 * * *", TimeSpan.FromHours(1), "UTC") };

        DeploymentOffer open = UpdateActions.Offer(action, s_now.AddHours(-1));
        DeploymentOffer closed = UpdateActions.Offer(action, s_now);

        (open.Update, open.MaintenanceWindow).Should().Be(("forced", "available"));
        (closed.Download, closed.Update, closed.MaintenanceWindow).Should().Be(("forced", "skip", "unavailable"));
    }

    [Fact]
    public void ACancellationIsWorkedOnBeforeANewerAction()
    {
        List<UpdateAction> actions = [Action(1, ActionStatus.Canceling), Action(2, ActionStatus.Running)];

        UpdateActions.Active(actions)!.Id.Should().Be(1);
        UpdateActions.TargetDistributionSetId(actions).Should().Be(102, "the canceled action's set is no longer the target");
    }

    [Theory]
    [InlineData(ActionType.Forced, FeedbackExecution.Closed, FeedbackResult.Success, false, ActionStatus.Finished, true)]
    [InlineData(ActionType.Forced, FeedbackExecution.Closed, FeedbackResult.Failure, false, ActionStatus.Error, false)]
    [InlineData(ActionType.Forced, FeedbackExecution.Download, FeedbackResult.None, false, ActionStatus.Downloading, false)]
    [InlineData(ActionType.DownloadOnly, FeedbackExecution.Downloaded, FeedbackResult.None, false, ActionStatus.Finished, false)]
    [InlineData(ActionType.Forced, FeedbackExecution.Rejected, FeedbackResult.None, false, ActionStatus.Running, false)]
    public void AReportMovesTheAction(ActionType type, FeedbackExecution execution, FeedbackResult result, bool forCancellation, ActionStatus expected, bool installs)
    {
        UpdateAction action = Action(1, ActionStatus.Running, type);

        UpdateAction after = UpdateActions.AfterReport(action, Feedback(execution, result, forCancellation));

        (after.Status, UpdateActions.Installs(after)).Should().Be((expected, installs));
        after.Revision.Should().Be(expected == ActionStatus.Running ? 0 : 1, "a device notices only a change of status");
        after.Feedback.Should().ContainSingle();
    }

    [Fact]
    public void ADeviceThatWillNotCancelKeepsRunning()
    {
        UpdateAction canceling = Action(1, ActionStatus.Canceling);

        UpdateActions.AfterReport(canceling, Feedback(FeedbackExecution.Rejected, FeedbackResult.None, forCancellation: true)).Status.Should().Be(ActionStatus.Running);
        UpdateActions.AfterReport(canceling, Feedback(FeedbackExecution.Closed, FeedbackResult.Success, forCancellation: true)).Status.Should().Be(ActionStatus.Canceled);
    }

    [Fact]
    public void TheReportThatClosedAnActionIsRecognisedWhenRepeated()
    {
        ActionFeedback closing = Feedback(FeedbackExecution.Closed, FeedbackResult.Success);
        UpdateAction finished = UpdateActions.AfterReport(Action(1, ActionStatus.Running), closing);

        UpdateActions.RepeatsClosing(finished, closing with { At = s_now.AddSeconds(5) }).Should().BeTrue();
        UpdateActions.RepeatsClosing(finished, Feedback(FeedbackExecution.Closed, FeedbackResult.Failure)).Should().BeFalse();
    }

    [Fact]
    public void ConfirmingStartsTheActionAndDenyingLeavesItWaiting()
    {
        UpdateAction waiting = Action(1, ActionStatus.WaitingForConfirmation);

        UpdateActions.AfterConfirmation(waiting, Feedback(FeedbackExecution.Proceeding, FeedbackResult.None)).Status.Should().Be(ActionStatus.Running);
        UpdateActions.AfterConfirmation(waiting, Feedback(FeedbackExecution.Rejected, FeedbackResult.None)).Status.Should().Be(ActionStatus.WaitingForConfirmation);
    }

    [Fact]
    public void WhatIsKeptIsBounded()
    {
        List<UpdateAction> actions = [.. Enumerable.Range(1, 30).Select(id => Action(id, ActionStatus.Finished)), Action(31, ActionStatus.Running)];
        IReadOnlyList<ActionFeedback> feedback = [];
        for (int i = 0; i < 60; i++)
        {
            feedback = UpdateActions.Appended(feedback, Feedback(FeedbackExecution.Proceeding, FeedbackResult.None) with { Details = [$"{i}"] });
        }

        UpdateActions.Trim(actions, installedActionId: 2);

        actions.Select(action => action.Id).Should().Equal([2, .. Enumerable.Range(11, 21)], "the installed action, the newest 20 settled and the active one");
        feedback.Should().HaveCount(UpdateActions.FeedbackKept);
        feedback[^1].Details.Should().Equal("59");
    }

    private static UpdateAction Action(long id, ActionStatus status, ActionType type = ActionType.Forced) =>
        new(id, new Deployment(100 + id, "os", $"{id}.0", [], []), type, status, s_now, s_now, []);

    private static ActionFeedback Feedback(FeedbackExecution execution, FeedbackResult result, bool forCancellation = false) =>
        new(s_now, execution, result, [], ForCancellation: forCancellation);
}
