using Carmen.Grains.Alerts;

namespace Carmen.Grains.Devices;

/// <summary>
/// What a device's alert rules decided on one evaluation: the rules, the facts they saw, the transitions they made,
/// and whether the alert clock is to be set again. Decided in one place (a turn, or the ingest shard between turns);
/// acted on in a turn of the grain.
/// </summary>
internal readonly record struct AlertVerdict(
    CompiledAlertRule[] Rules, AlertFacts Facts, List<(CompiledAlertRule Rule, AlertTransition Transition)>? Changes, bool ArmClock);
