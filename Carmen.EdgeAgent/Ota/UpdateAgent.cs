using System.Buffers;
using System.Threading.Channels;
using Carmen.EdgeAgent.Configuration;
using Carmen.EdgeAgent.Connection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace Carmen.EdgeAgent.Ota;

/// <summary>
/// Takes the actions Carmen pushes on <c>v1/devices/me/ota/action</c>, or those the <see cref="DdiPoller"/> finds when
/// DDI is configured, and runs one at a time: a newer offer for the running action refreshes it (a window opened), a
/// different action replaces it, a cancellation stops it unless it is installing. First of all, an install that
/// waited for a reboot is finished (<see cref="RebootCheck"/>).
/// </summary>
public sealed partial class UpdateAgent : BackgroundService
{
    private readonly Channel<UpdateOffer?> _offers = Channel.CreateUnbounded<UpdateOffer?>(new UnboundedChannelOptions { SingleReader = true });
    private readonly UpdateRunner _runner;
    private readonly RebootCheck _rebootCheck;
    private readonly UpdateFeedback _feedback;
    private readonly InstallState _state;
    private readonly DdiPoller? _poller;
    private readonly ILogger<UpdateAgent> _logger;

    public UpdateAgent(
        AgentConnection connection, UpdateRunner runner, RebootCheck rebootCheck, UpdateFeedback feedback, InstallState state,
        DdiPoller poller, IOptions<AgentOptions> options, ILogger<UpdateAgent> logger)
    {
        (_runner, _rebootCheck, _feedback, _state, _logger) = (runner, rebootCheck, feedback, state, logger);
        if (options.Value.Ddi.Enabled)
        {
            _poller = poller;
        }
        else
        {
            connection.Subscribe(DeviceTopics.OtaAction, OnActionAsync);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Polling starts at once; what it finds waits in the channel while a pending install is settled.
        Task polling = _poller?.RunAsync(_offers.Writer, stoppingToken) ?? Task.CompletedTask;
        long? settled = null;
        try
        {
            settled = await _rebootCheck.RunAsync(stoppingToken);
        }
        catch (Exception failure) when (failure is IOException or UnauthorizedAccessException)
        {
            LogRebootCheckFailed(failure); // updates still run; the pending install is checked again at the next start
        }

        UpdateJob? job = null;
        try
        {
            await foreach (UpdateOffer? offer in _offers.Reader.ReadAllAsync(stoppingToken))
            {
                // An offer of the action the reboot check just settled was sent before Carmen had the outcome: stale.
                if (offer is null || offer.ActionId != settled)
                {
                    job = await HandleAsync(offer, job, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping: a job in progress is canceled with the token and resumes when Carmen offers it again
        }
        finally
        {
            if (job is not null)
            {
                await job.Completion.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                job.Dispose();
            }

            await polling.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    private async Task<UpdateJob?> HandleAsync(UpdateOffer? offer, UpdateJob? job, CancellationToken stoppingToken)
    {
        if (job is { Completion.IsCompleted: true })
        {
            job.Dispose();
            job = null;
        }

        if (offer is null)
        {
            // Nothing left to do for this device: whatever runs was withdrawn (unless it is installing already).
            return job is not null && await job.TryStopAsync() ? Ended(job) : job;
        }

        if (offer.Kind == OfferKind.Cancel)
        {
            await CancelAsync(offer.ActionId, job, stoppingToken);
            return job?.ActionId == offer.ActionId && job.Completion.IsCompleted ? Ended(job) : job;
        }

        if (job is not null && job.ActionId == offer.ActionId && job.Kind == offer.Kind)
        {
            job.Refresh(offer);
            return job;
        }

        if (job is not null && !await job.TryStopAsync())
        {
            LogWaitingForInstall(job.ActionId, offer.ActionId);
            await job.Completion.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (job is not null)
        {
            Ended(job);
        }

        return UpdateJob.Start(offer, _runner.RunAsync, stoppingToken);
    }

    private async Task CancelAsync(long actionId, UpdateJob? job, CancellationToken stoppingToken)
    {
        bool installing = _state.Pending?.ActionId == actionId || (job?.ActionId == actionId && !await job.TryStopAsync());
        LogCancel(actionId, !installing);
        await _feedback.OutcomeAsync(actionId, installing ? "rejected" : "canceled", installing ? "none" : "success",
            [installing ? "Already installed or installing; an install is not stopped halfway." : "Canceled before installing."], stoppingToken, forCancel: true);
    }

    private static UpdateJob? Ended(UpdateJob job)
    {
        job.Dispose();
        return null;
    }

    private Task OnActionAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        try
        {
            _offers.Writer.TryWrite(UpdateOffer.Read(message.Payload.ToArray()));
        }
        catch (FormatException malformed)
        {
            LogMalformed(malformed.Message);
        }

        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Settling the install that waited for a reboot failed")]
    private partial void LogRebootCheckFailed(Exception failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored an OTA action Carmen sent: {Reason}")]
    private partial void LogMalformed(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Update action {Running} is installing; action {Next} starts after it")]
    private partial void LogWaitingForInstall(long running, long next);

    [LoggerMessage(Level = LogLevel.Information, Message = "Update action {ActionId}: cancel requested; canceled: {Canceled}")]
    private partial void LogCancel(long actionId, bool canceled);
}
