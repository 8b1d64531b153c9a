using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;

namespace Carmen.Testing;

/// <summary>One request a <see cref="HttpReceiver"/> took: its number (from 1), path, headers and body, and the status it answered.</summary>
public sealed record ReceivedRequest(int Number, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, int Status);

/// <summary>
/// A real HTTP endpoint on 127.0.0.1 for webhook tests: records every request and answers the status
/// <see cref="StatusFor"/> gives for its number (200 unless told otherwise).
/// </summary>
public sealed class HttpReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Channel<ReceivedRequest> _arrivals = Channel.CreateUnbounded<ReceivedRequest>();
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private readonly Task _loop;
    private int _count;

    public HttpReceiver()
    {
        int port = FreePorts.Next();
        BaseUrl = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(BaseUrl);
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    /// <summary>Ends in a slash: append a path to tell channels apart.</summary>
    public string BaseUrl { get; }

    /// <summary>The status for the n-th request (from 1); may be changed while running.</summary>
    public Func<int, int> StatusFor { get; set; } = _ => 200;

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    /// <summary>The next request to arrive, failing the test after <paramref name="seconds"/>.</summary>
    public async Task<ReceivedRequest> NextAsync(int seconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            return await _arrivals.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No request reached {BaseUrl} within {seconds} s.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (!_listener.IsListening)
            {
                return; // stopped
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            int number = Interlocked.Increment(ref _count);
            int status = StatusFor(number);
            var headers = context.Request.Headers.AllKeys.OfType<string>().ToDictionary(key => key, key => context.Request.Headers[key]!, StringComparer.OrdinalIgnoreCase);
            var request = new ReceivedRequest(number, context.Request.Url!.AbsolutePath, headers, body.ToArray(), status);
            _received.Enqueue(request);
            context.Response.StatusCode = status;
            context.Response.Close();
            _arrivals.Writer.TryWrite(request);
        }
    }
}
