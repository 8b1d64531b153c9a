using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Carmen.Grains.Diagnostics;
using Carmen.Grains.Interfaces.Notifications;
using Carmen.Grains.Interfaces.Network;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Carmen.Grains.Notifications;

/// <summary>
/// Hands notifications to webhooks, Slack and mail servers (one per silo). Every failure, whatever its kind, is an
/// outcome for the channels grain to retry or dead-letter, never an exception.
/// </summary>
public sealed partial class NotificationSender : IDisposable
{
    public const string SignatureHeader = "X-Carmen-Signature";
    public const string DeliveryHeader = "X-Carmen-Delivery";

    private readonly TimeProvider _time;
    private readonly IOptions<NotificationOptions> _options;
    private readonly ILogger<NotificationSender> _logger;
    private readonly NetworkGuard? _guard;
    private readonly HttpClient _http;
    private readonly MailTransport _mail;

    public NotificationSender(TimeProvider time, IOptions<NotificationOptions> options, MailTransport mail, ILogger<NotificationSender> logger)
    {
        (_time, _options, _mail, _logger, _guard) = (time, options, mail, logger, options.Value.Guard());

        // One client for the silo's lifetime; the pooled connection lifetime picks up DNS changes of the endpoints.
        _http = new HttpClient(new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            AllowAutoRedirect = false, // a redirect could lead where the URL was not allowed to
            ConnectCallback = _guard is null ? null : _guard.ConnectAsync,
            ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator(), // Carmen's trace ids stay inside
        })
        {
            Timeout = Timeout.InfiniteTimeSpan, // each attempt has its own deadline
        };
    }

    public async Task<IReadOnlyList<DeliveryOutcome>> AttemptAllAsync(IReadOnlyList<DeliveryAttempt> attempts) =>
        await Task.WhenAll(attempts.Select(AttemptAsync));

    /// <summary>
    /// Posts one event (not an alert) to a webhook, signed like alert deliveries, once: the error, or null when the
    /// endpoint took it. Events of this kind are not retried or dead-lettered; their records stay where they came from.
    /// </summary>
    public async Task<string?> PostEventAsync(string tenantId, NotificationChannel channel, string eventId, byte[] body)
    {
        using var deadline = new CancellationTokenSource(_options.Value.AttemptTimeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, channel.Definition.Url)
            {
                Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } },
            };
            request.Headers.Add(DeliveryHeader, eventId);
            if (channel.Definition.Secret is string secret)
            {
                request.Headers.Add(SignatureHeader, Signature(secret, body));
            }

            using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            return response.IsSuccessStatusCode ? null : $"The endpoint answered {(int)response.StatusCode} {response.ReasonPhrase}.";
        }
        catch (Exception failure) // DNS, TLS, refused, timeout: reported, never thrown
        {
            string error = deadline.IsCancellationRequested ? "No answer in time." : failure.GetBaseException().Message;
            LogEventFailed(tenantId, channel.Id, error);
            return error;
        }
    }

    public void Dispose() => _http.Dispose();

    /// <summary>HMAC-SHA256 of the body with the channel's secret, as <c>sha256=</c> and lowercase hex (GitHub's form).</summary>
    public static string Signature(string secret, byte[] body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    private async Task<DeliveryOutcome> AttemptAsync(DeliveryAttempt attempt)
    {
        NotificationChannelDraft channel = attempt.Channel.Definition;
        using Activity? activity = CarmenDiagnostics.ActivitySource.StartActivity("notification.deliver");
        activity?.SetTag("carmen.tenant_id", attempt.TenantId);
        activity?.SetTag("carmen.channel_id", attempt.Channel.Id);
        activity?.SetTag("carmen.channel_type", channel.Type.ToString());
        activity?.SetTag("carmen.alert_id", attempt.Notification.AlertId);
        activity?.SetTag("carmen.attempt", attempt.Attempt);
        using var deadline = new CancellationTokenSource(_options.Value.AttemptTimeout);
        try
        {
            await (channel.Type switch
            {
                NotificationChannelType.Webhook => PostAsync(attempt, NotificationMessages.Webhook(attempt, _time.GetUtcNow()), channel.Secret, deadline.Token),
                NotificationChannelType.Slack => PostAsync(attempt, NotificationMessages.Slack(attempt), null, deadline.Token),
                _ => MailAsync(attempt, deadline.Token),
            });
            return new DeliveryOutcome(attempt.DeliveryId, null);
        }
        catch (Exception failure) // an endpoint fails in many ways (DNS, TLS, refused, timeout, 5xx, SMTP codes): each is a retry
        {
            string error = deadline.IsCancellationRequested ? $"No answer within {_options.Value.AttemptTimeout.TotalSeconds:0.#} s." : failure.GetBaseException().Message;
            activity?.SetStatus(ActivityStatusCode.Error, error);
            LogAttemptFailed(attempt.TenantId, attempt.Channel.Id, channel.Type, attempt.Attempt, error);
            return new DeliveryOutcome(attempt.DeliveryId, error);
        }
    }

    private async Task PostAsync(DeliveryAttempt attempt, byte[] body, string? secret, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, attempt.Channel.Definition.Url)
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" } } },
        };
        request.Headers.Add(DeliveryHeader, NotificationMessages.DeliveryId(attempt));
        if (secret is not null)
        {
            request.Headers.Add(SignatureHeader, Signature(secret, body));
        }

        using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"The endpoint answered {(int)response.StatusCode} {response.ReasonPhrase}.", null, response.StatusCode);
        }
    }

    private async Task MailAsync(DeliveryAttempt attempt, CancellationToken cancellationToken)
    {
        SmtpSettings smtp = attempt.Smtp ?? throw new InvalidOperationException("The tenant has no SMTP server set (PUT .../settings/smtp).");

        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(smtp.From));
        message.To.AddRange(attempt.Channel.Definition.Recipients!.Select(MailboxAddress.Parse));
        message.Subject = NotificationMessages.Subject(attempt);
        message.Headers.Add("X-Carmen-Delivery", NotificationMessages.DeliveryId(attempt));
        message.Body = new TextPart("plain") { Text = NotificationMessages.Text(attempt) };
        await _mail.SendAsync(smtp, message, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {TenantId} notification channel {ChannelId}: an event could not be posted: {Error}")]
    private partial void LogEventFailed(string tenantId, long channelId, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {TenantId} notification channel {ChannelId} ({ChannelType}) failed attempt {Attempt}: {Error}")]
    private partial void LogAttemptFailed(string tenantId, long channelId, NotificationChannelType channelType, int attempt, string error);
}
