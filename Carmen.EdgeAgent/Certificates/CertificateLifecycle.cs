using System.Buffers;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Carmen.EdgeAgent.Configuration;
using Carmen.EdgeAgent.Connection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;

namespace Carmen.EdgeAgent.Certificates;

/// <summary>
/// Enrolls the device for a certificate with its one-time token (over HTTP, the key made here), renews it over MQTT
/// on the connection it signed in with once <see cref="CertificateOptions.RenewWhenRemainingPercent"/> of its
/// lifetime is left, and reconnects after each, so the connection signs in with the newest certificate.
/// </summary>
public sealed partial class CertificateLifecycle : BackgroundService
{
    private static readonly TimeSpan s_answerTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan s_retry = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan s_longestSleep = TimeSpan.FromHours(1);

    private readonly AgentConnection _connection;
    private readonly AgentOptions _options;
    private readonly ManagedCertificate _managed;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ILogger<CertificateLifecycle> _logger;
    private readonly SemaphoreSlim _oneAtATime = new(1);
    private (string RequestId, TaskCompletionSource<byte[]> Answer)? _pending;

    public CertificateLifecycle(AgentConnection connection, IOptions<AgentOptions> options, HttpClient http, TimeProvider time, ILogger<CertificateLifecycle> logger)
    {
        (_connection, _options, _http, _time, _logger) = (connection, options.Value, http, time, logger);
        _managed = new ManagedCertificate(_options);
        if (_options.Certificates.Enrolls)
        {
            connection.Subscribe(DeviceTopics.CertificateResponse, OnAnswerAsync);
        }
    }

    /// <summary>Renews now, whatever the certificate's age (the <c>renewCertificate</c> RPC): the new serial number and expiry.</summary>
    public async Task<(string SerialNumber, DateTimeOffset NotAfter)> RenewNowAsync(CancellationToken cancellationToken)
    {
        if (!_options.Certificates.Enrolls || _managed.Read() is null)
        {
            throw new InvalidOperationException("This agent holds no certificate of its own to renew (certificates.enrollmentToken is not set, or it has not enrolled yet).");
        }

        await RenewAsync(reconnect: false, cancellationToken);
        (string serial, _, DateTimeOffset notAfter) = _managed.Read()!.Value;
        _ = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(1), _time, CancellationToken.None); // lets the RPC's answer reach Carmen first
            await _connection.ReconnectAsync(CancellationToken.None);
        }, CancellationToken.None);
        return (serial, notAfter);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Certificates.Enrolls)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                wait = await TendAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception failure)
            {
                wait = s_retry;
                LogFailed(failure.Message, wait.TotalSeconds);
            }

            try
            {
                await Task.Delay(wait, _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>Enrolls when there is no current certificate, renews one that is due; how long until it is worth looking again.</summary>
    private async Task<TimeSpan> TendAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = _time.GetUtcNow();
        if (_managed.Read() is not var (_, notBefore, notAfter) || notAfter <= now)
        {
            await EnrollAsync(cancellationToken);
            return TimeSpan.Zero;
        }

        DateTimeOffset due = ManagedCertificate.RenewalDue(notBefore, notAfter, _options.Certificates.RenewWhenRemainingPercent);
        if (now < due)
        {
            return Min(due - now, s_longestSleep);
        }

        if (!_connection.IsConnected)
        {
            return s_retry; // renewal goes over the connection the current certificate signed in
        }

        await RenewAsync(reconnect: true, cancellationToken);
        return TimeSpan.Zero;
    }

    private async Task EnrollAsync(CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            CertificateOptions settings = _options.Certificates;
            using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            byte[] body = JsonPayload.Write(json =>
            {
                json.WriteString("csr", SigningRequest(key));
                json.WriteString("enrollmentToken", settings.EnrollmentToken);
            });
            var address = new Uri(_options.Server.HttpBase, $"api/v1/tenants/{Uri.EscapeDataString(settings.TenantId!)}/devices/{Uri.EscapeDataString(settings.DeviceId!)}/certificates");
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using HttpResponseMessage response = await _http.PostAsync(address, content, cancellationToken);
            byte[] answer = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Carmen refused the enrollment ({(int)response.StatusCode}): {Detail(answer)}. A spent or expired token needs a new one in certificates.enrollmentToken.");
            }

            string serial = Keep(key, answer);
            LogEnrolled(serial);
        }
        finally
        {
            _oneAtATime.Release();
        }

        await _connection.ReconnectAsync(cancellationToken);
    }

    private async Task RenewAsync(bool reconnect, CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            string requestId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
            var answer = new TaskCompletionSource<byte[]>(TaskCreationOptions.RunContinuationsAsynchronously);
            _pending = (requestId, answer);
            if (!await _connection.PublishAsync(DeviceTopics.CertificateRequest + requestId, SigningRequest(key), cancellationToken))
            {
                throw new InvalidOperationException("The renewal request could not be sent; the connection is down.");
            }

            byte[] received = await answer.Task.WaitAsync(s_answerTimeout, _time, cancellationToken);
            string serial = Keep(key, received);
            LogRenewed(serial);
        }
        finally
        {
            _pending = null;
            _oneAtATime.Release();
        }

        if (reconnect)
        {
            await _connection.ReconnectAsync(cancellationToken);
        }
    }

    private Task OnAnswerAsync(MqttApplicationMessage message, CancellationToken cancellationToken)
    {
        string requestId = message.Topic[(message.Topic.LastIndexOf('/') + 1)..];
        if (_pending is var (expected, answer) && expected == requestId)
        {
            answer.TrySetResult(message.Payload.ToArray());
        }

        return Task.CompletedTask;
    }

    /// <summary>Saves the key with the certificate of Carmen's answer (<c>{"serialNumber","certificate","chain"}</c>, or <c>{"error"}</c>).</summary>
    private string Keep(ECDsa key, byte[] answer)
    {
        using JsonDocument document = JsonDocument.Parse(answer);
        JsonElement root = document.RootElement;
        if (root.TryGetProperty("error", out JsonElement error) && error.ValueKind == JsonValueKind.String)
        {
            throw new InvalidOperationException($"Carmen refused the renewal: {error.GetString()}");
        }

        string certificate = root.GetProperty("certificate").GetString() ?? throw new InvalidOperationException("Carmen's answer has no certificate.");
        string? chain = root.TryGetProperty("chain", out JsonElement given) && given.ValueKind == JsonValueKind.String ? given.GetString() : null;
        _managed.Save(key, certificate, chain);
        return root.GetProperty("serialNumber").GetString() ?? "";
    }

    private static string SigningRequest(ECDsa key) =>
        new CertificateRequest("CN=carmen-agent", key, HashAlgorithmName.SHA256).CreateSigningRequestPem();

    private static string Detail(byte[] problem)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(problem);
            return document.RootElement.TryGetProperty("detail", out JsonElement detail) ? detail.GetString() ?? "" : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private static TimeSpan Min(TimeSpan first, TimeSpan second) => first < second ? first : second;

    public override void Dispose()
    {
        _oneAtATime.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Enrolled: certificate {SerialNumber}; signing in with it from now on")]
    private partial void LogEnrolled(string serialNumber);

    [LoggerMessage(Level = LogLevel.Information, Message = "Certificate renewed: {SerialNumber}")]
    private partial void LogRenewed(string serialNumber);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Certificate enrollment or renewal failed; trying again in {Seconds:F0} s: {Reason}")]
    private partial void LogFailed(string reason, double seconds);
}
