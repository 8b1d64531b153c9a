using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Carmen.Silo.Mqtt.Listener;

/// <summary>
/// The MQTT listeners on TCP, and on TLS when a certificate is configured: every connection passes
/// <see cref="MqttConnectionFactory"/> (address limits, then Carmen's MQTT server), and a TLS handshake that never
/// finishes is dropped after the CONNECT timeout. Binds exactly the configured address. Started after
/// <see cref="MqttListener"/>, stopped before it, so no connection arrives before the listener can take it.
/// </summary>
internal sealed partial class MqttTcpListener(IOptions<MqttOptions> options, MqttConnectionFactory connections, ILogger<MqttTcpListener> logger)
    : IHostedService, IDisposable
{
    /// <summary>
    /// A client certificate is asked for and any is let through the handshake, none included: which tenant's CA must
    /// have signed it is known only from the certificate itself, so the CONNECT checks it (<see cref="Grains.Interfaces.Pki.DeviceCertificateIdentity"/>);
    /// devices signing in with tokens present none.
    /// </summary>
    private static SslServerAuthenticationOptions ClientCertificatesAsked(X509Certificate2? certificate) => new()
    {
        ServerCertificate = certificate,
        ClientCertificateRequired = true,
#pragma warning disable CA5359 // a client certificate's chain is checked at CONNECT, against its own tenant's CA (see above)
        RemoteCertificateValidationCallback = static (_, _, _, _) => true,
#pragma warning restore CA5359
        EncryptionPolicy = EncryptionPolicy.RequireEncryption,
    };

    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Socket> _sockets = [];
    private X509Certificate2? _certificate;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        MqttOptions settings = options.Value;
        IPAddress address = IPAddress.Parse(settings.Address);
        Listen(new IPEndPoint(address, settings.Port), tls: false);
        if (settings.CertificatePath is { Length: > 0 } path)
        {
            _certificate = X509CertificateLoader.LoadPkcs12FromFile(path, settings.CertificatePassword);
            Listen(new IPEndPoint(address, settings.TlsPort), tls: true);
        }

        LogListening(settings.Address, settings.Port, settings.CertificatePath is { Length: > 0 } ? $"port {settings.TlsPort}" : "off (no certificate)", settings.WebSocketPath);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        lock (_sockets)
        {
            if (!_stopping.IsCancellationRequested)
            {
                _stopping.Cancel();
            }

            foreach (Socket socket in _sockets)
            {
                socket.Dispose();
            }

            _sockets.Clear();
        }

        return Task.CompletedTask;
    }

    /// <summary>Stops listening; the token source is left to the collector, since connections still running hold its token.</summary>
    public void Dispose()
    {
        StopAsync(CancellationToken.None);
        _certificate?.Dispose();
    }

    private void Listen(IPEndPoint endPoint, bool tls)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        socket.Bind(endPoint);
        socket.Listen(512);
        lock (_sockets)
        {
            _sockets.Add(socket);
        }

        // The accept loop lives as long as the listener; each connection runs on its own from there.
        _ = Task.Run(() => AcceptAsync(socket, tls, _stopping.Token));
    }

    private async Task AcceptAsync(Socket listener, bool tls, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stopping);
            }
            catch (Exception stopped) when (stopped is OperationCanceledException or ObjectDisposedException || stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException failure)
            {
                // Out of descriptors, say: wait rather than spin, and keep listening.
                LogAcceptFailed(failure);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), stopping);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                continue;
            }

            _ = Task.Run(() => RunAsync(client, tls), CancellationToken.None); // a connection ends on its own, not with the accept loop
        }
    }

    private async Task RunAsync(Socket client, bool tls)
    {
        Stream? stream = null;
        X509Certificate2? clientCertificate = null;
        try
        {
            client.NoDelay = true;
            stream = new NetworkStream(client, ownsSocket: true);
            if (tls)
            {
                var secured = new SslStream(stream, leaveInnerStreamOpen: false);
                stream = secured;
                using var handshake = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                handshake.CancelAfter(options.Value.ConnectTimeout);
                await secured.AuthenticateAsServerAsync(ClientCertificatesAsked(_certificate), handshake.Token);
                clientCertificate = secured.RemoteCertificate as X509Certificate2;
            }

            await connections.RunAsync(stream, client.RemoteEndPoint, clientCertificate);
        }
        catch (Exception ended) when (ended is IOException or SocketException or OperationCanceledException or ObjectDisposedException
            or System.Security.Authentication.AuthenticationException)
        {
            // The peer went away, the handshake failed or timed out, or the listener stopped: nothing to report.
        }
        catch (Exception failure)
        {
            LogConnectionFailed(failure);
        }
        finally
        {
            if (stream is not null)
            {
                await stream.DisposeAsync();
            }
            else
            {
                client.Dispose();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT listening on {Address}:{Port} (TLS {Tls}, WebSocket at {WebSocketPath} on the HTTP port)")]
    private partial void LogListening(string address, int port, string tls, string webSocketPath);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Accepting an MQTT connection failed")]
    private partial void LogAcceptFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "An MQTT connection failed")]
    private partial void LogConnectionFailed(Exception exception);
}
