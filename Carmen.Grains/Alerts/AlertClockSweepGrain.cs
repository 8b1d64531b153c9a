using Carmen.Grains.Devices;
using Carmen.Grains.Interfaces.Alerts;
using Carmen.Grains.Interfaces.Devices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Carmen.Grains.Alerts;

/// <summary>
/// Wakes offline devices whose recorded alert due time passed with no timer behind it. A device records that time in
/// the index only while it is offline with a time-based rule pending, and clears it once the moment is handled, so in
/// a healthy cluster the sweep finds nothing. One reminder keeps the sweep alive across restarts: never one per device.
/// </summary>
[GrainType("alert-clock-sweep")]
public sealed partial class AlertClockSweepGrain(
    IDeviceIndex index,
    TimeProvider time,
    IOptions<AlertOptions> options,
    ILogger<AlertClockSweepGrain> logger) : Grain, IAlertClockSweepGrain, IRemindable
{
    private const string SweepReminder = "alert-clock-sweep";
    private const int MaxWakesPerSweep = 1000;

    private IGrainTimer? _sweep;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_sweep is null)
        {
            await this.RegisterOrUpdateReminder(SweepReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), cancellationToken);
            StartSweeping();
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        StartSweeping();
        return Task.CompletedTask;
    }

    private void StartSweeping()
    {
        TimeSpan every = options.Value.SweepInterval;
        _sweep ??= this.RegisterGrainTimer(static (grain, _) => grain.SweepAsync(), this, new GrainTimerCreationOptions(every, every) { KeepAlive = true });
    }

    private async Task SweepAsync()
    {
        IReadOnlyList<DeviceKey> due = await index.ListAlertDueAsync(time.GetUtcNow() - options.Value.SweepGrace, MaxWakesPerSweep);
        foreach (DeviceKey device in due)
        {
            // One-way: a device that cannot be woken now stays in the index and is found again next sweep.
            GrainFactory.GetGrain<IAlertingDeviceGrain>(device.ToString()).CheckAlertsAsync().Ignore();
        }

        if (due.Count > 0)
        {
            LogWoken(due.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert clock sweep woke {Count} offline devices whose alert came due without a timer")]
    private partial void LogWoken(int count);
}
