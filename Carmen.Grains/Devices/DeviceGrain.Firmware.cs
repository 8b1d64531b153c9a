using System.Globalization;
using System.Text.Json;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Grains.Devices;

/// <summary>
/// ThingsBoard's firmware over MQTT, for devices with neither DDI nor Carmen's agent. The firmware of the device's
/// action (or, once none is under way, of the installed one) is announced as the shared attributes fw_title,
/// fw_version, fw_size, fw_checksum and fw_checksum_algorithm; the device fetches it in chunks over MQTT; its fw_state
/// telemetry (DOWNLOADING ... UPDATED or FAILED) moves the action as DDI feedback would, so rollouts, health gates and
/// error thresholds treat such devices like any other.
/// </summary>
public sealed partial class DeviceGrain
{
    private const string FirmwareStateKey = "fw_state";
    private const string FirmwareErrorKey = "fw_error";

    /// <summary>The firmware attributes the device was last told of; null until first computed in this activation.</summary>
    private Dictionary<string, string>? _firmwareAttributes;

    public Task<ArtifactInfo?> GetFirmwareAsync(CancellationToken cancellationToken) =>
        Task.FromResult(IsRegistered && FirmwareOffer(device.State, time.GetUtcNow()) is (_, ArtifactInfo artifact) ? artifact : null);

    /// <summary>
    /// The action whose firmware a device may fetch and install now, and its artifact (the first of its set): active,
    /// neither canceling nor waiting for confirmation, allowed to install (its maintenance window open, not download-only).
    /// </summary>
    private static (UpdateAction Action, ArtifactInfo Artifact)? FirmwareOffer(DeviceState state, DateTimeOffset now) =>
        OfferFor(state, now) is DeploymentOffer { Update: not "skip" } offer
            && offer.Action.Status is not (ActionStatus.Canceling or ActionStatus.WaitingForConfirmation)
            && FirstArtifact(offer.Action) is ArtifactInfo artifact
            ? (offer.Action, artifact)
            : null;

    /// <summary>The fw_* shared attributes (JSON texts): of the firmware offered now, else of the installed one, else none.</summary>
    private static Dictionary<string, string> FirmwareAttributes(DeviceState state, DateTimeOffset now)
    {
        (UpdateAction Action, ArtifactInfo Artifact)? firmware = FirmwareOffer(state, now);
        if (firmware is null && state.Actions.Find(action => action.Id == state.InstalledActionId) is UpdateAction installed && FirstArtifact(installed) is ArtifactInfo artifact)
        {
            firmware = (installed, artifact);
        }

        return firmware is (UpdateAction action, ArtifactInfo file)
            ? new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["fw_title"] = JsonSerializer.Serialize(action.Deployment.Name),
                ["fw_version"] = JsonSerializer.Serialize(action.Deployment.Version),
                ["fw_size"] = file.Size.ToString(CultureInfo.InvariantCulture),
                ["fw_checksum"] = JsonSerializer.Serialize(file.Sha256),
                ["fw_checksum_algorithm"] = "\"SHA256\"",
            }
            : [];
    }

    private static ArtifactInfo? FirstArtifact(UpdateAction action) => action.Deployment.Chunks.SelectMany(chunk => chunk.Artifacts).FirstOrDefault();

    /// <summary>Tells a connected device of a change in its firmware attributes (nothing when they did not change).</summary>
    private async Task PushFirmwareAttributesAsync(DateTimeOffset now)
    {
        Dictionary<string, string> previous = _firmwareAttributes ?? [];
        Dictionary<string, string> current = FirmwareAttributes(device.State, now);
        _firmwareAttributes = current;
        await PushSharedAttributeChangesAsync(previous, current);
    }

    /// <summary>The fw_state a device reported, as feedback on its current action; ignored without one.</summary>
    private async Task TakeFirmwareStateAsync(TelemetryPoint[] points, CancellationToken cancellationToken)
    {
        TelemetryPoint? reported = null;
        foreach (TelemetryPoint point in points)
        {
            reported = point.Key == FirmwareStateKey ? point : reported;
        }

        if (reported?.Value.Text is not string state || UpdateActions.Active(device.State.Actions) is not { Status: not ActionStatus.Canceling } action)
        {
            return;
        }

        (FeedbackExecution Execution, FeedbackResult Result)? feedback = state switch
        {
            "DOWNLOADING" => (FeedbackExecution.Download, FeedbackResult.None),
            "DOWNLOADED" => (FeedbackExecution.Downloaded, FeedbackResult.None),
            "VERIFIED" or "UPDATING" => (FeedbackExecution.Proceeding, FeedbackResult.None),
            "UPDATED" => (FeedbackExecution.Closed, FeedbackResult.Success),
            "FAILED" => (FeedbackExecution.Closed, FeedbackResult.Failure),
            _ => null,
        };
        if (feedback is not (FeedbackExecution execution, FeedbackResult result))
        {
            return;
        }

        string? error = points.Where(point => point.Key == FirmwareErrorKey).Select(point => point.Value.Text ?? point.Value.ToJson()).LastOrDefault();
        List<string> details = [$"fw_state {state}", .. error is null ? Array.Empty<string>() : [error]];
        await ReportFeedbackAsync(action.Id, new ActionFeedback(time.GetUtcNow(), execution, result, details), cancellationToken);
    }
}
