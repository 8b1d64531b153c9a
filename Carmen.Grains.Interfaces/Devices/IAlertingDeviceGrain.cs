using Orleans.Concurrency;

namespace Carmen.Grains.Interfaces.Devices;

/// <summary>
/// The alerting side of a device grain (same grain, same key): the rules are evaluated in the device grain, where its
/// data is; alerts and the cluster's sweep tell it what happened outside.
/// </summary>
[Alias("Carmen.IAlertingDeviceGrain")]
public interface IAlertingDeviceGrain : IGrainWithStringKey
{
    /// <summary>
    /// An operator cleared the alert the rule raised on this device: the rule stops treating it as active. One-way, so
    /// the alert (which the device calls while raising and clearing) never waits on the device.
    /// </summary>
    [OneWay, Alias("AlertCleared")]
    Task AlertClearedAsync(long ruleId, string alertId);

    /// <summary>
    /// Evaluates the device's rules now: the cluster's alert clock sweep calls this for an offline device whose alert
    /// came due with no timer behind it (its silo was lost). One-way: the sweep waits for no device.
    /// </summary>
    [OneWay, Alias("CheckAlerts")]
    Task CheckAlertsAsync();
}
