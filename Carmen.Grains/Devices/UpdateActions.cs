using Carmen.Grains.Interfaces.Updates;
using Carmen.Grains.Updates;

namespace Carmen.Grains.Devices;

/// <summary>
/// The update-action state machine of one device, on its list of actions: which action the device should work on,
/// how it is offered at a moment (forced or not, window open or not), what a report of the device moves it to, and
/// the bounds on what is kept. No grain in it: the device grain saves, pushes and reports what it decides.
/// </summary>
internal static class UpdateActions
{
    /// <summary>Settled actions kept per device beyond the active ones and the installed one.</summary>
    public const int SettledActionsKept = 20;

    /// <summary>Feedback entries kept per action (the newest).</summary>
    public const int FeedbackKept = 50;

    /// <summary>What the device should work on: a cancellation first (hawkBit shows cancelAction before a new deployment), else the newest active action.</summary>
    public static UpdateAction? Active(IReadOnlyList<UpdateAction> actions) =>
        actions.FirstOrDefault(action => action.Status == ActionStatus.Canceling)
        ?? actions.LastOrDefault(action => action.IsActive);

    /// <summary>The active action as offered at <paramref name="now"/> (its window open or not), for the DDI root and the MQTT push alike.</summary>
    public static DeploymentOffer? ActiveOffer(IReadOnlyList<UpdateAction> actions, DateTimeOffset now) =>
        Active(actions) is UpdateAction active ? Offer(active, now) : null;

    /// <summary>The set the device is being moved to: that of the newest active action not being canceled.</summary>
    public static long? TargetDistributionSetId(IReadOnlyList<UpdateAction> actions) =>
        actions.LastOrDefault(action => action.IsActive && action.Status != ActionStatus.Canceling)?.Deployment.DistributionSetId;

    /// <summary>hawkBit's offer: download and update forced or attempted (or skipped), and whether the maintenance window is open.</summary>
    public static DeploymentOffer Offer(UpdateAction action, DateTimeOffset now)
    {
        bool forced = action.Type == ActionType.Forced || (action.Type == ActionType.TimeForced && now >= action.ForceTime);
        string download = forced || action.Type == ActionType.DownloadOnly ? "forced" : "attempt";
        string update = action.Type == ActionType.DownloadOnly ? "skip" : forced ? "forced" : "attempt";
        string? window = null;
        if (action.MaintenanceWindow is MaintenanceWindow maintenance)
        {
            bool open = MaintenanceWindows.IsOpen(maintenance, now);
            window = open ? "available" : "unavailable";
            update = open ? update : "skip";
        }

        return new DeploymentOffer(action, download, update, window);
    }

    /// <summary>
    /// Whether a report on a settled action repeats the report that settled it (a client retrying when the answer was
    /// lost), which is answered as the first time; any other report on it is too late.
    /// </summary>
    public static bool RepeatsClosing(UpdateAction action, ActionFeedback feedback) =>
        action.Feedback.Count > 0 && action.Feedback[^1] is ActionFeedback closing
        && closing.Execution == feedback.Execution && closing.Result == feedback.Result
        && closing.ForCancellation == feedback.ForCancellation && closing.ForConfirmation == feedback.ForConfirmation;

    /// <summary>The action after the device's report on its progress (or, for a cancellation, on the cancel); its revision grows when its status changes.</summary>
    public static UpdateAction AfterReport(UpdateAction action, ActionFeedback feedback)
    {
        ActionStatus next = feedback.ForCancellation ? AfterCancelFeedback(action, feedback) : AfterFeedback(action, feedback);
        return action with
        {
            Status = next,
            UpdatedAt = feedback.At,
            Feedback = Appended(action.Feedback, feedback),
            Revision = action.Revision + (next == action.Status ? 0 : 1),
        };
    }

    /// <summary>The action after the device confirmed (proceeding) or denied it; denied, it keeps waiting as in hawkBit.</summary>
    public static UpdateAction AfterConfirmation(UpdateAction action, ActionFeedback feedback)
    {
        bool confirmed = feedback.Execution == FeedbackExecution.Proceeding;
        return action with
        {
            Status = confirmed ? ActionStatus.Running : ActionStatus.WaitingForConfirmation,
            UpdatedAt = feedback.At,
            Feedback = Appended(action.Feedback, feedback),
            Revision = action.Revision + (confirmed ? 1 : 0),
        };
    }

    /// <summary>Whether a finished action installed its set (a download-only one leaves the installed set as it was).</summary>
    public static bool Installs(UpdateAction action) => action.Status == ActionStatus.Finished && action.Type != ActionType.DownloadOnly;

    /// <summary>The action's feedback with one more entry, the oldest dropped beyond the bound.</summary>
    public static IReadOnlyList<ActionFeedback> Appended(IReadOnlyList<ActionFeedback> feedback, ActionFeedback entry) =>
        [.. feedback.TakeLast(FeedbackKept - 1), entry];

    /// <summary>Puts the new version of an action in place of the old one.</summary>
    public static void Replace(List<UpdateAction> actions, UpdateAction action) =>
        actions[actions.FindIndex(existing => existing.Id == action.Id)] = action;

    /// <summary>Drops the oldest settled actions beyond the bound; active ones and the one that installed the current set stay.</summary>
    public static void Trim(List<UpdateAction> actions, long? installedActionId)
    {
        HashSet<long> dropped =
        [
            .. actions
                .Where(action => !action.IsActive && action.Status != ActionStatus.Scheduled && action.Id != installedActionId)
                .SkipLast(SettledActionsKept)
                .Select(action => action.Id),
        ];
        if (dropped.Count > 0)
        {
            actions.RemoveAll(action => dropped.Contains(action.Id));
        }
    }

    private static ActionStatus AfterFeedback(UpdateAction action, ActionFeedback feedback) => feedback.Execution switch
    {
        FeedbackExecution.Closed when feedback.Result == FeedbackResult.Success => ActionStatus.Finished,
        FeedbackExecution.Closed when feedback.Result == FeedbackResult.Failure => ActionStatus.Error,
        FeedbackExecution.Closed => action.Status,
        FeedbackExecution.Canceled => ActionStatus.Canceled,
        FeedbackExecution.Download => ActionStatus.Downloading,
        FeedbackExecution.Downloaded => action.Type == ActionType.DownloadOnly ? ActionStatus.Finished : ActionStatus.Downloaded,
        FeedbackExecution.Proceeding or FeedbackExecution.Resumed or FeedbackExecution.Scheduled
            when action.Status != ActionStatus.Canceling => ActionStatus.Running,
        _ => action.Status, // rejected: recorded as a warning, the action stays offered (as in hawkBit)
    };

    private static ActionStatus AfterCancelFeedback(UpdateAction action, ActionFeedback feedback) => feedback.Execution switch
    {
        FeedbackExecution.Canceled => ActionStatus.Canceled,
        FeedbackExecution.Closed when feedback.Result == FeedbackResult.Success => ActionStatus.Canceled,
        FeedbackExecution.Closed or FeedbackExecution.Rejected => ActionStatus.Running, // the device would not cancel
        _ => action.Status,
    };
}
