using System.Collections.Concurrent;

namespace Carmen.Silo.Mqtt.Protocol;

/// <summary>
/// The connections of one server: by client id, so that a client connecting again takes its session over, and all of
/// them for one timer that closes those past their deadline (keep-alive, CONNECT timeout) rather than a timer each.
/// </summary>
internal sealed class MqttConnections : IDisposable
{
    private readonly ConcurrentDictionary<MqttConnection, byte> _all = new();
    private readonly ConcurrentDictionary<string, MqttConnection> _byClientId = new(StringComparer.Ordinal);
    private readonly ITimer _sweep;

    public MqttConnections(TimeProvider time) => _sweep = time.CreateTimer(_ => CloseExpired(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

    public void Track(MqttConnection connection) => _all.TryAdd(connection, 0);

    public void Untrack(MqttConnection connection)
    {
        _all.TryRemove(connection, out _);
        if (connection.ClientId.Length > 0)
        {
            _byClientId.TryRemove(new KeyValuePair<string, MqttConnection>(connection.ClientId, connection));
        }
    }

    /// <summary>Makes <paramref name="connection"/> the one of <paramref name="clientId"/>; returns the one it replaces.</summary>
    public MqttConnection? Claim(string clientId, MqttConnection connection)
    {
        while (true)
        {
            if (_byClientId.TryAdd(clientId, connection))
            {
                return null;
            }

            if (_byClientId.TryGetValue(clientId, out MqttConnection? previous) && _byClientId.TryUpdate(clientId, connection, previous))
            {
                return previous;
            }
        }
    }

    /// <summary>Closes every connection (the server is stopping) and waits, a while, for them to end.</summary>
    public async Task CloseAllAsync(byte reasonCode, TimeSpan patience)
    {
        List<MqttConnection> open = [.. _all.Keys];
        await Task.WhenAll(open.Select(connection => connection.CloseAsync(reasonCode)));
        await Task.WhenAll(open.Select(connection => connection.Ended)).WaitAsync(patience).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    public void Dispose() => _sweep.Dispose();

    private void CloseExpired()
    {
        long now = Environment.TickCount64;
        foreach (KeyValuePair<MqttConnection, byte> entry in _all)
        {
            if (now > entry.Key.Deadline)
            {
                _ = entry.Key.ExpireAsync();
            }
        }
    }
}
