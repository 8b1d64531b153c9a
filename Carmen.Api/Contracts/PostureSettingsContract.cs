namespace Carmen.Api.Contracts;

/// <summary>
/// A tenant's posture checks: certificates expiring within <see cref="ExpiringWithinDays"/>, devices unseen for
/// <see cref="DormantAfterDays"/>, shared credentials within <see cref="SharedCredentialsWithinDays"/>, a check every
/// <see cref="IntervalHours"/>, and the distribution sets marked vulnerable. Members left out keep their value.
/// </summary>
public sealed record PostureSettingsContract(
    int? ExpiringWithinDays, int? DormantAfterDays, int? SharedCredentialsWithinDays, int? IntervalHours, IReadOnlyList<VulnerableDistributionSetContract>? VulnerableDistributionSets);
