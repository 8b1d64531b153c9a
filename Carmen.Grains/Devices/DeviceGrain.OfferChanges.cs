using Carmen.Grains.Interfaces.Updates;
using Carmen.Grains.Updates;

namespace Carmen.Grains.Devices;

/// <summary>
/// An offer that changes by itself — a maintenance window opens, a time-forced action becomes forced — is pushed
/// again at that moment, so a device that only listens on MQTT installs in its window without polling.
/// </summary>
public sealed partial class DeviceGrain
{
    /// <summary>The longest a timer waits; on firing it pushes (if anything changed) and waits again.</summary>
    private static readonly TimeSpan s_longestOfferWait = TimeSpan.FromDays(1);

    private IGrainTimer? _offerChange;

    /// <summary>Arms the timer for the pushed action's next change, or disarms it when the offer will not change.</summary>
    private void WatchOfferChange(UpdateAction? pushed, DateTimeOffset now)
    {
        _offerChange?.Dispose();
        _offerChange = null;
        if (pushed is null || NextOfferChange(pushed, now) is not DateTimeOffset at)
        {
            return;
        }

        // A second late, so the window's first instant counts as open when the timer fires.
        TimeSpan due = at - now + TimeSpan.FromSeconds(1);
        due = due > s_longestOfferWait ? s_longestOfferWait : due;
        _offerChange = this.RegisterGrainTimer(
            static (grain, _) => grain.TurnAsync(() => grain.PushUpdateActionAsync(onlyWhenActive: true)),
            this,
            new GrainTimerCreationOptions(due, Timeout.InfiniteTimeSpan) { KeepAlive = true });
    }

    private static DateTimeOffset? NextOfferChange(UpdateAction action, DateTimeOffset now)
    {
        if (action.Status is ActionStatus.Canceling or ActionStatus.WaitingForConfirmation)
        {
            return null;
        }

        DateTimeOffset? forced = action.Type == ActionType.TimeForced && action.ForceTime > now ? action.ForceTime : null;
        DateTimeOffset? opens = action.MaintenanceWindow is MaintenanceWindow window && !MaintenanceWindows.IsOpen(window, now)
            ? MaintenanceWindows.NextOpening(window, now)
            : null;
        return Moments.Earliest(forced, opens);
    }
}
