using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Api.Contracts;

/// <summary>What an action deploys: the distribution set, resolved into its modules (chunks) and their artifacts when it was assigned.</summary>
public sealed record DeploymentResponse(
    long DistributionSetId,
    string Name,
    string Version,
    IReadOnlyList<DeploymentChunkResponse> Chunks,
    IReadOnlyList<string> DeviceTypes)
{
    public static DeploymentResponse From(Deployment deployment) => new(
        deployment.DistributionSetId, deployment.Name, deployment.Version, [.. deployment.Chunks.Select(DeploymentChunkResponse.From)],
        deployment.DeviceTypes);
}
