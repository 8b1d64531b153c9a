namespace Carmen.Grains.Interfaces.Rollouts;

/// <summary>What a rollout's targets are: one engine rolls out distribution sets to devices and application releases to tenants.</summary>
[GenerateSerializer, Alias("Carmen.RolloutTargetKind")]
public enum RolloutTargetKind
{
    /// <summary>Devices of the rollout's tenant get a distribution set.</summary>
    Devices = 0,

    /// <summary>Tenants get a release of their application configuration (a platform rollout).</summary>
    Tenants = 1,
}
