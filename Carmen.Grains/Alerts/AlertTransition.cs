namespace Carmen.Grains.Alerts;

/// <summary>What one evaluation of a rule on a device changed.</summary>
public enum AlertTransition
{
    /// <summary>Nothing to tell.</summary>
    None,

    /// <summary>The condition has held as the rule asks: a new alert.</summary>
    Raise,

    /// <summary>The condition became true again while the alert was active: one more occurrence of the same alert.</summary>
    Recur,

    /// <summary>The clear condition holds (or the condition has been false long enough): the alert clears.</summary>
    Clear,
}
