using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Carmen.EdgeAgent.Configuration;
using Microsoft.Extensions.Options;

namespace Carmen.EdgeAgent.Ota;

/// <summary>
/// The device's side of DDI: requests to its controller resource with <c>Authorization: TargetToken</c>. Links in
/// Carmen's answers are followed by path only, against the configured server address, so the token never goes to a
/// host the device was not configured for.
/// </summary>
public sealed class DdiClient(HttpClient http, IOptions<AgentOptions> options)
{
    /// <summary>A poll or a report is small; one that takes longer than this is retried later.</summary>
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    private readonly AgentOptions _options = options.Value;

    /// <summary><c>{server}/{tenant}/controller/v1/{controllerId}</c>, where everything else of the device's lives below.</summary>
    public Uri ControllerBase { get; } = new(WithSlash(options.Value.Server.HttpBase),
        $"{options.Value.Ddi.Tenant}/controller/v1/{Uri.EscapeDataString(options.Value.Ddi.ControllerId ?? "")}");

    /// <summary>The path and query of a link Carmen gave, on the configured server.</summary>
    public static string Local(string href) =>
        Uri.TryCreate(href, UriKind.Absolute, out Uri? absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps) ? absolute.PathAndQuery : href;

    /// <summary>The JSON document at a link (or the controller base itself for null); a failure to reach Carmen or a refusal throws <see cref="HttpRequestException"/>.</summary>
    public async Task<JsonDocument> GetAsync(string? href, CancellationToken cancellationToken)
    {
        using HttpResponseMessage response = await SendAsync(HttpMethod.Get, href, null, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"Carmen answered {(int)response.StatusCode} {response.ReasonPhrase} for {response.RequestMessage?.RequestUri?.AbsolutePath}", null, response.StatusCode);
        }

        await using Stream body = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
    }

    /// <summary>Posts a JSON body below the controller base; the status Carmen answered, or null when it could not be reached.</summary>
    public async Task<HttpStatusCode?> PostAsync(string relative, byte[] json, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(json) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };
        try
        {
            using HttpResponseMessage response = await SendAsync(HttpMethod.Post, $"{ControllerBase.AbsolutePath}/{relative}", content, cancellationToken);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string? href, HttpContent? content, CancellationToken cancellationToken)
    {
        Uri target = href is null ? ControllerBase : new Uri(_options.Server.HttpBase, Local(href));
        using var request = new HttpRequestMessage(method, target) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("TargetToken", _options.AccessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/hal+json"));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(s_timeout);
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new HttpRequestException($"Carmen did not answer {method} {target.AbsolutePath} within {s_timeout.TotalSeconds:0} s.");
        }
    }

    private static Uri WithSlash(Uri address) => address.AbsoluteUri.EndsWith('/') ? address : new Uri(address.AbsoluteUri + "/");
}
