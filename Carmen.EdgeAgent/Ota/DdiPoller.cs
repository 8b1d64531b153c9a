using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Carmen.EdgeAgent.Connection;
using Microsoft.Extensions.Logging;

namespace Carmen.EdgeAgent.Ota;

/// <summary>
/// Asks Carmen's DDI root what to do, then sleeps as long as its answer says (<c>config.polling.sleep</c>). What it
/// links is passed on only when the link changed: Carmen's links carry a hash of the offer, which changes with the
/// action's state, its maintenance window opening and its becoming forced, so an unchanged link needs no new fetch.
/// </summary>
public sealed partial class DdiPoller(DdiClient ddi, TimeProvider time, ILogger<DdiPoller> logger)
{
    /// <summary>Carmen's own default, until its first answer says otherwise.</summary>
    private static readonly TimeSpan s_defaultSleep = TimeSpan.FromMinutes(5);

    public async Task RunAsync(ChannelWriter<UpdateOffer?> offers, CancellationToken cancellationToken)
    {
        var failures = new ReconnectBackoff(TimeSpan.FromSeconds(5), s_defaultSleep);
        string? followed = null;
        LogPolling(ddi.ControllerBase);
        while (!cancellationToken.IsCancellationRequested)
        {
            TimeSpan sleep;
            try
            {
                using JsonDocument root = await ddi.GetAsync(null, cancellationToken);
                sleep = Sleep(root.RootElement);
                failures.Reset();
                (string Rel, string Href)? link = ActionLink(root.RootElement);
                if (link?.Href != followed)
                {
                    // Followed only once fetched: a fetch that fails is tried again at the next poll.
                    offers.TryWrite(link is (string rel, string href) ? await FetchAsync(rel, href, cancellationToken) : null);
                    followed = link?.Href;
                }
            }
            catch (HttpRequestException failure)
            {
                sleep = failures.Next();
                LogPollFailed(failure.Message, sleep.TotalSeconds);
            }
            catch (Exception malformed) when (malformed is FormatException or JsonException)
            {
                sleep = failures.Next(); // an answer that is not Carmen's (a proxy's error page, say) is tried again later
                LogMalformed(malformed.Message);
            }

            await Task.Delay(sleep, time, cancellationToken);
        }
    }

    private async Task<UpdateOffer> FetchAsync(string rel, string href, CancellationToken cancellationToken)
    {
        using JsonDocument document = await ddi.GetAsync(href, cancellationToken);
        UpdateOffer offer = rel == "cancelAction"
            ? DdiOffers.ReadCancel(document.RootElement)
            : DdiOffers.Read(document.RootElement, rel == "confirmationBase" ? OfferKind.Confirm : OfferKind.Update);
        LogOffered(offer.ActionId, offer.Kind);
        return offer;
    }

    /// <summary>What the root links for the device to do: a cancellation, a confirmation, or a deployment (Carmen links at most one).</summary>
    private static (string Rel, string Href)? ActionLink(JsonElement root)
    {
        if (root.TryGetProperty("_links", out JsonElement links) && links.ValueKind == JsonValueKind.Object)
        {
            foreach (string rel in (ReadOnlySpan<string>)["cancelAction", "confirmationBase", "deploymentBase"])
            {
                if (links.TryGetProperty(rel, out JsonElement link) && link.ValueKind == JsonValueKind.Object
                    && link.TryGetProperty("href", out JsonElement href) && href.GetString() is string target)
                {
                    return (rel, target);
                }
            }
        }

        return null;
    }

    /// <summary><c>config.polling.sleep</c> as "HH:MM:SS", kept within 1 s and 1 day.</summary>
    private static TimeSpan Sleep(JsonElement root) =>
        root.TryGetProperty("config", out JsonElement config) && config.ValueKind == JsonValueKind.Object
        && config.TryGetProperty("polling", out JsonElement polling) && polling.ValueKind == JsonValueKind.Object
        && polling.TryGetProperty("sleep", out JsonElement sleep) && sleep.ValueKind == JsonValueKind.String
        && TimeSpan.TryParseExact(sleep.GetString(), @"hh\:mm\:ss", CultureInfo.InvariantCulture, out TimeSpan given)
            ? TimeSpan.FromTicks(Math.Clamp(given.Ticks, TimeSpan.TicksPerSecond, TimeSpan.TicksPerDay))
            : s_defaultSleep;

    [LoggerMessage(Level = LogLevel.Information, Message = "Polling DDI at {ControllerBase} for update actions")]
    private partial void LogPolling(Uri controllerBase);

    [LoggerMessage(Level = LogLevel.Information, Message = "DDI offers action {ActionId} ({Kind})")]
    private partial void LogOffered(long actionId, OfferKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Polling DDI failed; next poll in {Seconds:0} s: {Reason}")]
    private partial void LogPollFailed(string reason, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored a DDI answer Carmen sent: {Reason}")]
    private partial void LogMalformed(string reason);
}
