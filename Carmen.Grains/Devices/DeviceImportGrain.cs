using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Devices;
using Microsoft.Extensions.Logging;
using Orleans.Placement;

namespace Carmen.Grains.Devices;

/// <summary>
/// Works through a bulk import in batches on a loop inside the activation, saving the outcomes after each batch.
/// A reminder keeps the import alive across restarts: after a crash it wakes the grain, the loop resumes at the
/// first unsaved batch, and the registrar's request id makes the replayed batch idempotent.
/// </summary>
// An import runs on the silo whose API accepted it; if that silo dies, its reminder wakes it on another.
[PreferLocalPlacement]
[GrainType("device-import")]
public sealed partial class DeviceImportGrain(
    [PersistentState("import", StorageNames.Secrets)] IPersistentState<DeviceImportGrainState> import,
    TimeProvider time,
    ILogger<DeviceImportGrain> logger) : Grain, IDeviceImportGrain, IRemindable
{
    internal const int BatchSize = 250;
    private const string ResumeReminder = "resume-import";

    /// <summary>How long a completed import keeps the access tokens it created for its caller to collect.</summary>
    internal static readonly TimeSpan s_tokensKeptFor = TimeSpan.FromHours(1);

    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;

    private string TenantId => TenantScopedKey.Parse(this.GetPrimaryKeyString()).TenantId;

    private string ImportId => TenantScopedKey.Parse(this.GetPrimaryKeyString()).LocalId;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        EnsureRunning();
        return Task.CompletedTask;
    }

    public async Task<DeviceImportStatus> StartAsync(IReadOnlyList<DeviceDraft> drafts, CancellationToken cancellationToken)
    {
        if (import.State.State != DeviceImportState.None)
        {
            throw CarmenException.Conflict($"Import '{ImportId}' already exists.");
        }

        if (drafts.Count is 0 or > IDeviceImportGrain.MaxRows)
        {
            throw CarmenException.Invalid("devices", $"An import takes 1 to {IDeviceImportGrain.MaxRows} devices.");
        }

        await this.RegisterOrUpdateReminder(ResumeReminder, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1), cancellationToken);
        import.State = new DeviceImportGrainState
        {
            State = DeviceImportState.Running,
            PendingDrafts = [.. drafts],
            Total = drafts.Count,
            CreatedAt = time.GetUtcNow(),
        };
        await import.WriteStateAsync(cancellationToken);
        LogStarted(TenantId, ImportId, drafts.Count);
        EnsureRunning();
        return Status(includeRows: false);
    }

    public async Task<DeviceImportStatus> GetStatusAsync(bool includeRows, CancellationToken cancellationToken)
    {
        EnsureExists();
        await ForgetTokensWhenDueAsync();
        return Status(includeRows);
    }

    public async Task<DeviceImportStatus> WaitForCompletionAsync(TimeSpan timeout, bool includeRows, CancellationToken cancellationToken)
    {
        EnsureExists();
        try
        {
            await _completed.Task.WaitAsync(timeout, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // Still running: the caller gets the progress so far.
        }

        return Status(includeRows);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        EnsureRunning();
        if (await ForgetTokensWhenDueAsync() && await this.GetReminder(ResumeReminder) is IGrainReminder reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>
    /// Once <see cref="s_tokensKeptFor"/> has passed since completion, drops the access tokens from the outcomes (stored
    /// in plain text until then, as the caller has yet to collect them; the drafts are gone by completion); true when
    /// none are left.
    /// </summary>
    private async Task<bool> ForgetTokensWhenDueAsync()
    {
        DeviceImportGrainState state = import.State;
        if (state.State != DeviceImportState.Completed || time.GetUtcNow() < state.CompletedAt + s_tokensKeptFor)
        {
            return false;
        }

        if (state.Outcomes.Any(outcome => outcome.Registration is { AccessToken.Length: > 0 }))
        {
            state.Outcomes = [.. state.Outcomes.Select(outcome => outcome.Registration is { } registration ? outcome with { Registration = registration with { AccessToken = "" } } : outcome)];
            await import.WriteStateAsync();
            LogTokensForgotten(TenantId, ImportId);
        }

        return true;
    }

    private void EnsureRunning()
    {
        if (import.State.State == DeviceImportState.Completed)
        {
            _completed.TrySetResult();
        }
        else if (import.State.State == DeviceImportState.Running && _loop is null)
        {
            // Runs on the activation's scheduler, interleaving with status calls at its awaits; it alone writes state.
            _loop = RunAsync();
        }
    }

    private async Task RunAsync()
    {
        IDeviceRegistrarGrain registrar = GrainFactory.GetGrain<IDeviceRegistrarGrain>(0);
        string requestId = $"import:{ImportId}";
        try
        {
            while (import.State.PendingDrafts.Count > 0)
            {
                List<DeviceDraft> batch = import.State.PendingDrafts.GetRange(0, Math.Min(BatchSize, import.State.PendingDrafts.Count));
                IReadOnlyList<DeviceRegistrationOutcome> outcomes =
                    await registrar.RegisterAsync(TenantId, batch, requestId, import.State.Outcomes.Count);
                import.State.Outcomes.AddRange(outcomes);
                import.State.PendingDrafts.RemoveRange(0, batch.Count);
                int succeeded = outcomes.Count(outcome => outcome.Succeeded);
                CarmenDiagnostics.ImportRows.Add(succeeded, new KeyValuePair<string, object?>("outcome", "created"));
                CarmenDiagnostics.ImportRows.Add(outcomes.Count - succeeded, new KeyValuePair<string, object?>("outcome", "failed"));
                if (import.State.PendingDrafts.Count == 0)
                {
                    import.State.State = DeviceImportState.Completed;
                    import.State.CompletedAt = time.GetUtcNow();
                }

                await import.WriteStateAsync();
            }

            // The reminder stays, now to wake the grain once, when the tokens are to be forgotten (ReceiveReminder ends it then).
            await this.RegisterOrUpdateReminder(ResumeReminder, s_tokensKeptFor, s_tokensKeptFor);
            DeviceImportStatus final = Status(includeRows: false);
            LogCompleted(TenantId, ImportId, final.Succeeded, final.Failed);
            _completed.TrySetResult();
        }
        catch (Exception failure)
        {
            // The reminder stays registered, so the next tick retries from the last saved batch.
            LogInterrupted(failure, TenantId, ImportId, import.State.Outcomes.Count);
            _loop = null;
        }
    }

    private void EnsureExists()
    {
        if (import.State.State == DeviceImportState.None)
        {
            throw CarmenException.NotFound($"Import '{ImportId}' does not exist.");
        }
    }

    private DeviceImportStatus Status(bool includeRows)
    {
        DeviceImportGrainState state = import.State;
        int succeeded = state.Outcomes.Count(outcome => outcome.Succeeded);
        return new DeviceImportStatus(
            ImportId, state.State, state.Total, state.Outcomes.Count, succeeded, state.Outcomes.Count - succeeded,
            state.CreatedAt, state.CompletedAt, includeRows ? [.. state.Outcomes] : null);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {TenantId}/{ImportId} started with {Rows} rows")]
    private partial void LogStarted(string tenantId, string importId, int rows);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {TenantId}/{ImportId} completed: {Succeeded} created, {Failed} failed")]
    private partial void LogCompleted(string tenantId, string importId, int succeeded, int failed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Import {TenantId}/{ImportId} forgot the access tokens of its rows")]
    private partial void LogTokensForgotten(string tenantId, string importId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Import {TenantId}/{ImportId} interrupted after {Processed} rows; it resumes on the next reminder tick")]
    private partial void LogInterrupted(Exception exception, string tenantId, string importId, int processed);
}
