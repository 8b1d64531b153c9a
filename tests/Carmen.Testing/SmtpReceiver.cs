using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Carmen.Testing;

/// <summary>A mail an <see cref="SmtpReceiver"/> accepted, with who signed in to send it (AUTH PLAIN or LOGIN).</summary>
public sealed record ReceivedMail(string From, IReadOnlyList<string> To, string Data, string? Username, string? Password);

/// <summary>
/// A small real SMTP server on 127.0.0.1 for email tests: the plain-text dialogue of RFC 5321 with AUTH PLAIN and
/// LOGIN, accepting every mail and recording it. No TLS.
/// </summary>
public sealed class SmtpReceiver : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Channel<ReceivedMail> _arrivals = Channel.CreateUnbounded<ReceivedMail>();
    private readonly ConcurrentBag<Task> _sessions = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public SmtpReceiver()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    public async Task<ReceivedMail> NextAsync(int seconds = 10)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        try
        {
            return await _arrivals.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"No mail reached 127.0.0.1:{Port} within {seconds} s.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        await Task.WhenAll(_sessions);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                TcpClient client = await _listener.AcceptTcpClientAsync(_stop.Token);
                _sessions.Add(Task.Run(() => ServeAsync(client)));
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using TcpClient connection = client;
        using var reader = new StreamReader(connection.GetStream(), Encoding.ASCII);
        await using var writer = new StreamWriter(connection.GetStream(), Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
        (string? from, List<string> to, string? username, string? password) = (null, [], null, null);
        try
        {
            await writer.WriteLineAsync("220 127.0.0.1 Carmen test SMTP");
            while (await reader.ReadLineAsync(_stop.Token) is string line)
            {
                string verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-127.0.0.1");
                        await writer.WriteLineAsync("250-AUTH PLAIN LOGIN");
                        await writer.WriteLineAsync("250 8BITMIME");
                        break;
                    case "HELO" or "RSET" or "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "AUTH":
                        (username, password) = await AuthenticateAsync(line, reader, writer);
                        await writer.WriteLineAsync("235 Authenticated");
                        break;
                    case "MAIL":
                        from = Address(line);
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RCPT":
                        to.Add(Address(line));
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End with <CRLF>.<CRLF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token) is string dataLine && dataLine != ".")
                        {
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        }

                        _arrivals.Writer.TryWrite(new ReceivedMail(from ?? "", [.. to], data.ToString(), username, password));
                        to.Clear();
                        await writer.WriteLineAsync("250 OK queued");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 Command not implemented");
                        break;
                }
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested)
        {
            // the test is over
        }
    }

    private async Task<(string Username, string Password)> AuthenticateAsync(string line, StreamReader reader, StreamWriter writer)
    {
        string[] parts = line.Split(' ');
        if (parts[1].Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
        {
            string response = parts.Length > 2 ? parts[2] : await ChallengeAsync("", reader, writer);
            string[] fields = Encoding.UTF8.GetString(Convert.FromBase64String(response)).Split('\0');
            return (fields[1], fields[2]);
        }

        string username = Encoding.UTF8.GetString(Convert.FromBase64String(parts.Length > 2 ? parts[2] : await ChallengeAsync("VXNlcm5hbWU6", reader, writer)));
        string password = Encoding.UTF8.GetString(Convert.FromBase64String(await ChallengeAsync("UGFzc3dvcmQ6", reader, writer)));
        return (username, password);
    }

    private async Task<string> ChallengeAsync(string challenge, StreamReader reader, StreamWriter writer)
    {
        await writer.WriteLineAsync($"334 {challenge}");
        return await reader.ReadLineAsync(_stop.Token) ?? "";
    }

    private static string Address(string line) => line[(line.IndexOf('<', StringComparison.Ordinal) + 1)..line.IndexOf('>', StringComparison.Ordinal)];
}
