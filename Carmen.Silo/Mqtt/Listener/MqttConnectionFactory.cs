using System.Net;
using Carmen.Grains.Diagnostics;
using MQTTnet.Adapter;
using MQTTnet.Channel;
using MQTTnet.Diagnostics.Logger;
using MQTTnet.Formatter;
using Microsoft.Extensions.Options;

namespace Carmen.Silo.Mqtt.Listener;

/// <summary>
/// What every listener (TCP, TLS, WebSocket) does with a new connection: the source address's limits first, then
/// MQTTnet's adapter over a transport whose bytes a <see cref="MqttPacketGuard"/> checks as they are read.
/// </summary>
internal sealed class MqttConnectionFactory(IOptions<MqttOptions> options, AddressConnectionLimits limits)
{
    /// <summary>
    /// Runs one connection through <paramref name="handler"/> (MQTTnet's session loop) until it ends; returns at once
    /// when the source address is over its limits.
    /// </summary>
    public async Task RunAsync(IMqttChannel transport, IPAddress? source, Func<IMqttChannelAdapter, Task> handler, IMqttNetLogger logger)
    {
        using AddressConnectionLimits.Lease? lease = limits.TryOpen(source, out string? refusal);
        if (lease is null)
        {
            CarmenDiagnostics.MqttConnectionsRefused.Add(1, new KeyValuePair<string, object?>("reason", refusal));
            return;
        }

        MqttOptions settings = options.Value;
        var guard = new MqttPacketGuard(settings.MaxConnectPacketBytes, settings.MaxPacketBytes) { ConnectCompleted = lease.Connected };

        // MQTTnet keeps two packet-writer buffers per connection, 8 KiB each by default: most of an idle connection's
        // memory. Device traffic from the server is acknowledgements and small commands; a larger packet grows the
        // buffer for its own encoding and is shrunk back afterwards.
        var formatter = new MqttPacketFormatterAdapter(new MqttBufferWriter(256, 1024));
        using var adapter = new MqttChannelAdapter(new GuardedMqttChannel(transport, guard), formatter, logger);
        await handler(adapter);
    }
}
