using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Carmen.Grains.Diagnostics;
using MQTTnet.Protocol;

namespace Carmen.Silo.Mqtt.Protocol;

/// <summary>
/// One client's connection on Carmen's MQTT server: every whole packet of a read is parsed in place and handled in
/// order, acknowledgements are written as they come and flushed once per read, and messages to the client are
/// written between them. Nothing is buffered while the connection is idle (the reader waits with a zero-byte read).
/// Keep-alive and the CONNECT deadline are enforced by <see cref="MqttConnections"/>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "The write lock's SemaphoreSlim holds no wait handle (AvailableWaitHandle is never used), so there is nothing to dispose.")]
internal sealed partial class MqttConnection(
    PipeReader input, PipeWriter output, EndPoint? remoteEndPoint, MqttConnectionLimits limits, IMqttSessionHandler handler, MqttConnections registry, ILogger logger)
{
    private readonly SemaphoreSlim _writing = new(1, 1);
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _deadline = Environment.TickCount64 + (long)limits.ConnectTimeout.TotalMilliseconds;
    private long _keepAliveMilliseconds;
    private int _maximumOutbound = int.MaxValue;
    private int _packetId;
    private int _closing;
    private bool _connected;
    private bool _outputCompleted;
    private bool _acksPending;

    public EndPoint? RemoteEndPoint => remoteEndPoint;

    public IPAddress? RemoteAddress => (remoteEndPoint as IPEndPoint)?.Address;

    /// <summary>The certificate the client presented in the TLS handshake, if any (the handshake proved it holds the key).</summary>
    public X509Certificate2? ClientCertificate { get; init; }

    public MqttProtocolLevel Level { get; private set; } = MqttProtocolLevel.V311;

    /// <summary>The client id the connection goes by once accepted (assigned by the server when the client sent none).</summary>
    public string ClientId { get; private set; } = "";

    /// <summary>What the handler keeps about the client (set when the CONNECT is accepted).</summary>
    public object? Session { get; private set; }

    /// <summary>Called when the CONNECT has been read whole, accepted or not.</summary>
    public Action? ConnectRead { get; init; }

    /// <summary>Completes when the connection has ended and the handler has been told.</summary>
    public Task Ended => _ended.Task;

    /// <summary>When the connection is due to be closed unless a packet arrives (<see cref="Environment.TickCount64"/>).</summary>
    public long Deadline => Volatile.Read(ref _deadline);

    /// <summary>Runs the connection until the client or the server ends it; the transport is the caller's to dispose.</summary>
    public async Task RunAsync()
    {
        registry.Track(this);
        try
        {
            await ReadAsync();
        }
        catch (MqttPacketRefusedException refused)
        {
            CarmenDiagnostics.MqttConnectionsRefused.Add(1, new KeyValuePair<string, object?>("reason", refused.Reason));
            LogRefused(remoteEndPoint, refused.Message);
            await CloseAsync(refused.ReasonCode);
        }
        catch (Exception ended) when (ended is IOException or System.Net.Sockets.SocketException or ObjectDisposedException or OperationCanceledException
            or System.Net.WebSockets.WebSocketException or Microsoft.AspNetCore.Connections.ConnectionAbortedException)
        {
            // The peer went away or the transport was closed under the connection: an ordinary end.
        }
        catch (Exception failure)
        {
            LogFailed(failure, ClientId);
            await CloseAsync((byte)MqttDisconnectReasonCode.UnspecifiedError);
        }
        finally
        {
            await EndAsync();
        }
    }

    /// <summary>The deadline passed with no packet: a silent client (keep-alive), or one that never sent its CONNECT.</summary>
    public Task ExpireAsync()
    {
        if (Volatile.Read(ref _closing) != 0)
        {
            return Task.CompletedTask;
        }

        CarmenDiagnostics.MqttConnectionsRefused.Add(1, new KeyValuePair<string, object?>("reason", _connected ? "keep_alive_timeout" : "connect_timeout"));
        return CloseAsync((byte)MqttDisconnectReasonCode.KeepAliveTimeout);
    }

    private async Task ReadAsync()
    {
        while (true)
        {
            ReadResult read = await input.ReadAsync();
            if (read.IsCanceled || Volatile.Read(ref _closing) != 0)
            {
                return;
            }

            ReadOnlySequence<byte> buffer = read.Buffer;
            if (!_connected && buffer.FirstSpan.Length > 0 && (buffer.FirstSpan[0] >> 4) != (int)MqttPacketType.Connect)
            {
                throw new MqttPacketRefusedException("not_connect", "The first packet of a connection must be a CONNECT [MQTT-3.1.0-1].", MqttPacketRefusedException.ProtocolError);
            }

            bool open = true;
            bool handled = false;
            try
            {
                while (open && MqttFrame.TryRead(ref buffer, _connected ? limits.MaxPacketBytes : limits.MaxConnectPacketBytes, out MqttFrame frame))
                {
                    if (!handled && _keepAliveMilliseconds > 0)
                    {
                        // The client is alive; while the server works on its packets, a PINGREQ behind them waits unread,
                        // so the keep-alive clock stops until they are done.
                        Volatile.Write(ref _deadline, long.MaxValue);
                    }

                    handled = true;
                    open = await HandleAsync(frame);
                }
            }
            finally
            {
                input.AdvanceTo(buffer.Start, buffer.End);
            }

            if (handled && _keepAliveMilliseconds > 0)
            {
                Volatile.Write(ref _deadline, Environment.TickCount64 + _keepAliveMilliseconds);
            }

            if (_acksPending)
            {
                await FlushAcksAsync();
            }

            if (!open || read.IsCompleted)
            {
                return;
            }
        }
    }

    /// <summary>One packet; false when the connection is to end after it.</summary>
    private async ValueTask<bool> HandleAsync(MqttFrame frame)
    {
        if (!_connected)
        {
            return await ConnectAsync(frame);
        }

        switch (frame.Type)
        {
            case MqttPacketType.Publish:
                MqttPublish publish = MqttPublish.Parse(frame, Level);
                MqttReason outcome = await handler.PublishAsync(this, publish);
                if (publish.Qos > 0 && outcome.Withheld && Level < MqttProtocolLevel.V500)
                {
                    throw new MqttPacketRefusedException("withheld", $"Not taken, and MQTT {(Level == MqttProtocolLevel.V311 ? "3.1.1" : "3.1")} cannot say so in an acknowledgement: {outcome.Text}", outcome.Code);
                }

                if (publish.Qos > 0)
                {
                    await WriteAckAsync(publish.Qos == 1 ? MqttPacketType.PubAck : MqttPacketType.PubRec, publish.PacketId, outcome);
                }

                return true;
            case MqttPacketType.PubRel:
                await WriteAckAsync(MqttPacketType.PubComp, new MqttBodyReader(frame.Body).ReadUInt16(), MqttReason.Success);
                return true;
            case MqttPacketType.PubAck or MqttPacketType.PubRec or MqttPacketType.PubComp:
                // Acknowledgements of what the server sent: delivery to devices is at most once per connection, nothing is resent.
                return true;
            case MqttPacketType.Subscribe:
                await SubscribeAsync(MqttSubscribe.Parse(frame, Level, unsubscribe: false));
                return true;
            case MqttPacketType.Unsubscribe:
                MqttSubscribe unsubscribe = MqttSubscribe.Parse(frame, Level, unsubscribe: true);
                foreach ((string filter, _) in unsubscribe.Filters)
                {
                    handler.Unsubscribe(this, filter);
                }

                await WriteAsync(static (output, state) => MqttPacketWriter.UnsubAck(output, state.PacketId, state.Level, state.Count), (unsubscribe.PacketId, Level, unsubscribe.Filters.Count));
                return true;
            case MqttPacketType.PingReq:
                await WriteAsync(static (output, _) => MqttPacketWriter.PingResp(output), 0);
                return true;
            case MqttPacketType.Disconnect:
                return false;
            case MqttPacketType.Connect:
                throw MqttPacketRefusedException.Violation("A second CONNECT on a connection is a protocol violation [MQTT-3.1.0-2].");
            default:
                throw MqttPacketRefusedException.Violation($"A client does not send {frame.Type} packets.");
        }
    }

    private async ValueTask<bool> ConnectAsync(MqttFrame frame)
    {
        MqttConnect connect;
        try
        {
            connect = MqttConnect.Parse(frame);
        }
        catch (MqttUnsupportedProtocolException unsupported)
        {
            Level = unsupported.Level == (byte)MqttProtocolLevel.V500 ? MqttProtocolLevel.V500 : MqttProtocolLevel.V311;
            CarmenDiagnostics.MqttConnectionsRefused.Add(1, new KeyValuePair<string, object?>("reason", "unsupported_protocol"));
            await ConnAckAsync((byte)MqttConnectReasonCode.UnsupportedProtocolVersion, null);
            return false;
        }

        ConnectRead?.Invoke();
        Level = connect.Level;
        _maximumOutbound = connect.MaximumPacketSize is 0 or > int.MaxValue ? int.MaxValue : (int)connect.MaximumPacketSize;
        if (connect.AuthenticationMethod is not null)
        {
            CarmenDiagnostics.MqttConnectionsRefused.Add(1, new KeyValuePair<string, object?>("reason", "bad_authentication_method"));
            await ConnAckAsync((byte)MqttConnectReasonCode.BadAuthenticationMethod, null);
            return false;
        }

        if (connect.ClientId.Length == 0 && (Level == MqttProtocolLevel.V310 || (Level == MqttProtocolLevel.V311 && !connect.CleanStart)))
        {
            // An empty id is for a clean session only, and never in 3.1 [MQTT-3.1.3-8]: return code 2, then close.
            CarmenDiagnostics.MqttConnectionsRefused.Add(1, new KeyValuePair<string, object?>("reason", "client_id_invalid"));
            await ConnAckAsync((byte)MqttConnectReasonCode.ClientIdentifierNotValid, null);
            return false;
        }

        MqttConnectVerdict verdict;
        try
        {
            verdict = await handler.ConnectAsync(this, connect);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            // The grid could not decide (a silo going away): "server unavailable", so the client tries again.
            LogFailed(failure, connect.ClientId);
            verdict = MqttConnectVerdict.Refused((byte)MqttConnectReasonCode.ServerUnavailable);
        }

        if (verdict.ReasonCode != 0)
        {
            await ConnAckAsync(verdict.ReasonCode, null);
            return false;
        }

        ClientId = verdict.ClientId;
        Session = verdict.Session;
        if (registry.Claim(ClientId, this) is MqttConnection previous)
        {
            // The same client connecting again takes the session over [MQTT-3.1.4-3]; the old connection is gone before the new one is up.
            await previous.CloseAsync((byte)MqttDisconnectReasonCode.SessionTakenOver);
            await previous.Ended.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _keepAliveMilliseconds = connect.KeepAliveSeconds * 1500L;
        Volatile.Write(ref _deadline, _keepAliveMilliseconds > 0 ? Environment.TickCount64 + _keepAliveMilliseconds : long.MaxValue);
        _connected = true;
        await ConnAckAsync(0, connect.ClientId.Length == 0 && Level == MqttProtocolLevel.V500 ? ClientId : null);
        await handler.ConnectedAsync(this);
        return true;
    }

    private async Task SubscribeAsync(MqttSubscribe subscribe)
    {
        byte[] codes = new byte[subscribe.Filters.Count];
        string? reasonString = null;
        for (int i = 0; i < codes.Length; i++)
        {
            (string filter, byte qos) = subscribe.Filters[i];
            MqttReason granted = await handler.SubscribeAsync(this, filter, qos);
            codes[i] = granted.Code;
            reasonString ??= granted.Text;
        }

        await WriteAsync(
            static (output, state) => MqttPacketWriter.SubAck(output, state.PacketId, state.Level, state.Codes, state.Reason, state.Limit),
            (subscribe.PacketId, Level, Codes: codes, Reason: reasonString, Limit: _maximumOutbound));
    }

    private async Task EndAsync()
    {
        Volatile.Write(ref _closing, 1);
        registry.Untrack(this);
        try
        {
            if (_connected)
            {
                await handler.DisconnectedAsync(this);
            }
        }
        catch (Exception failure)
        {
            LogFailed(failure, ClientId);
        }
        finally
        {
            output.CancelPendingFlush(); // a message stuck on a peer that stopped reading must not hold the end up
            await _writing.WaitAsync();
            try
            {
                _outputCompleted = true;
                await output.CompleteAsync();
                await input.CompleteAsync();
            }
            finally
            {
                _writing.Release();
                _ended.TrySetResult();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "MQTT connection from {Remote} refused: {Reason}")]
    private partial void LogRefused(EndPoint? remote, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT connection of client {ClientId} failed")]
    private partial void LogFailed(Exception exception, string clientId);
}
