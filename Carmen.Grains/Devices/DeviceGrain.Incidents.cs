using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Incidents;
using Carmen.Grains.Interfaces.Updates;
using Microsoft.Extensions.Logging;

namespace Carmen.Grains.Devices;

/// <summary>
/// The device's side of a security incident: isolation, revoked credentials, a closed connection, all in one call so
/// an incident over ten thousand devices is ten thousand calls. Isolation is containment, not refusal: the device may
/// still connect and send telemetry (evidence), and answer diagnostic RPCs; everything that would change it is held back.
/// </summary>
public sealed partial class DeviceGrain : IIncidentTargetGrain
{
    /// <summary>The RPC methods an isolated device is still sent: the agent's read-only diagnostics.</summary>
    public static readonly IReadOnlySet<string> DiagnosticRpcMethods = new HashSet<string>(StringComparer.Ordinal) { "ping", "getDiagnostics", "getLogs" };

    public async Task<ContainedDevice> ContainAsync(DeviceContainment containment, CancellationToken cancellationToken)
    {
        if (!IsRegistered || containment.AllowedClusterIds?.Contains(device.State.ClusterId) == false)
        {
            throw CarmenException.NotFound($"Device '{Key.DeviceId}' does not exist.");
        }

        DeviceState state = device.State;
        var steps = new List<IncidentStep>();
        if (state.Status == DeviceStatus.Decommissioned)
        {
            AddSkipped(steps, containment, "decommissioned: no credentials, no connection");
            return new ContainedDevice(state.ClusterId, steps);
        }

        bool changed = false;
        if (containment.Quarantine)
        {
            changed |= Isolate(state, containment.IncidentId, steps);
        }

        if (containment.RotateTokens)
        {
            bool held = state.AccessTokenHash is not null || state.UsesBasicCredentials;
            state.AccessTokenHash = null;
            (state.MqttUsername, state.MqttClientId, state.MqttPasswordHash) = (null, null, null);
            steps.Add(held
                ? new IncidentStep(IncidentAction.RotateTokens, IncidentStepOutcome.Done, "access token and basic credentials revoked; re-provision to issue new ones")
                : new IncidentStep(IncidentAction.RotateTokens, IncidentStepOutcome.Skipped, "no token or basic credentials held"));
            changed |= held;
        }

        if (changed)
        {
            await SaveAsync(cancellationToken);
        }

        // Rotated tokens close a connection that signed in with one; a certificate's connection closes only when asked to.
        if (containment.Disconnect || (containment.RotateTokens && state.Connection is { CertificateSerial: null }))
        {
            bool connected = state.Connection is not null;
            await CloseConnectionAsync(DeviceCloseReason.NotAuthorized, cancellationToken);
            if (containment.Disconnect)
            {
                steps.Add(new IncidentStep(IncidentAction.Disconnect, connected ? IncidentStepOutcome.Done : IncidentStepOutcome.Skipped, connected ? null : "not connected"));
            }
        }

        if (changed)
        {
            LogContained(Key.TenantId, Key.DeviceId, containment.IncidentId);
        }

        return new ContainedDevice(state.ClusterId, steps);
    }

    public async Task<bool> ReleaseIsolationAsync(long incidentId, CancellationToken cancellationToken)
    {
        if (!IsRegistered || device.State.IsolatedBy != incidentId)
        {
            return false;
        }

        DeviceState state = device.State;
        (state.IsolatedBy, state.IsolatedAt) = (null, null);
        if (state.Status == DeviceStatus.Isolated)
        {
            state.Status = PresenceStatus(state);
        }

        await SaveAsync(cancellationToken);
        await TakePostedAsync(cancellationToken); // rollouts that waited while it was held back
        LogReleased(Key.TenantId, Key.DeviceId, incidentId);
        return true;
    }

    /// <summary>Refuses what an isolated device may not be given: configuration, updates, RPCs other than diagnostics.</summary>
    private void RequireNotIsolated(string what)
    {
        if (device.State.Status == DeviceStatus.Isolated)
        {
            throw CarmenException.Conflict($"Device '{Key.DeviceId}' is isolated by incident {device.State.IsolatedBy}: it gets no {what} until the incident is released.");
        }
    }

    /// <summary>The update the device is offered now: none while it is isolated (its actions wait for the release).</summary>
    private static DeploymentOffer? OfferFor(DeviceState state, DateTimeOffset now) =>
        state.Status == DeviceStatus.Isolated ? null : UpdateActions.ActiveOffer(state.Actions, now);

    /// <summary>Online, offline or never seen: what the device is when nothing holds it.</summary>
    private static DeviceStatus PresenceStatus(DeviceState state) =>
        state.Connection is not null ? DeviceStatus.Online
        : state.LastSeenAt is null ? DeviceStatus.Registered
        : DeviceStatus.Offline;

    private bool Isolate(DeviceState state, long incidentId, List<IncidentStep> steps)
    {
        if (state.IsolatedBy is long other && other != incidentId)
        {
            steps.Add(new IncidentStep(IncidentAction.Quarantine, IncidentStepOutcome.Skipped, $"already isolated by incident {other}"));
            return false;
        }

        bool changed = state.IsolatedBy is null;
        (state.IsolatedBy, state.IsolatedAt) = (incidentId, state.IsolatedAt ?? time.GetUtcNow());
        if (state.Status != DeviceStatus.Quarantined)
        {
            changed |= state.Status != DeviceStatus.Isolated;
            state.Status = DeviceStatus.Isolated;
        }

        steps.Add(state.Status == DeviceStatus.Quarantined
            ? new IncidentStep(IncidentAction.Quarantine, IncidentStepOutcome.Done, "already quarantined (refused); isolated once an operator lifts that")
            : new IncidentStep(IncidentAction.Quarantine, IncidentStepOutcome.Done));
        return changed;
    }

    private static void AddSkipped(List<IncidentStep> steps, DeviceContainment containment, string detail)
    {
        if (containment.Quarantine)
        {
            steps.Add(new IncidentStep(IncidentAction.Quarantine, IncidentStepOutcome.Skipped, detail));
        }

        if (containment.RotateTokens)
        {
            steps.Add(new IncidentStep(IncidentAction.RotateTokens, IncidentStepOutcome.Skipped, detail));
        }

        if (containment.Disconnect)
        {
            steps.Add(new IncidentStep(IncidentAction.Disconnect, IncidentStepOutcome.Skipped, detail));
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Device {TenantId}/{DeviceId} contained by incident {IncidentId}")]
    private partial void LogContained(string tenantId, string deviceId, long incidentId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Device {TenantId}/{DeviceId} released by incident {IncidentId}")]
    private partial void LogReleased(string tenantId, string deviceId, long incidentId);
}
