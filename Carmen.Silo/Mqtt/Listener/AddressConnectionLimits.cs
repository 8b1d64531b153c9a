using System.Collections.Concurrent;
using System.Net;
using Carmen.Api.Auth;
using Microsoft.Extensions.Options;

namespace Carmen.Silo.Mqtt.Listener;

/// <summary>
/// How many connections one IP address holds on this silo's MQTT listeners, and how many of them have not yet sent
/// their CONNECT: a source over either limit has its next connection closed before anything is read from it. Many
/// devices behind one NAT share an address, so the total limit is generous; the pending one is what bounds a flood of
/// connections that never authenticate.
/// </summary>
internal sealed class AddressConnectionLimits(IOptions<MqttOptions> options)
{
    private readonly ConcurrentDictionary<IPAddress, Counts> _byAddress = new();

    /// <summary>A lease on one connection from <paramref name="address"/>, or null (with the reason) when it is over a limit.</summary>
    public Lease? TryOpen(IPAddress? address, out string? refusal)
    {
        refusal = null;
        if (address is null)
        {
            return new Lease(null);
        }

        address = ClientAddress.Normal(address)!;
        MqttOptions limits = options.Value;
        while (true)
        {
            Counts counts = _byAddress.GetOrAdd(address, _ => new Counts(address));
            lock (counts)
            {
                if (counts.Removed)
                {
                    continue; // emptied and dropped between the lookup and the lock: take the fresh one
                }

                if (counts.Open >= limits.MaxConnectionsPerAddress)
                {
                    refusal = "address_connections";
                    return null;
                }

                if (counts.Pending >= limits.MaxPendingConnectionsPerAddress)
                {
                    refusal = "address_pending";
                    return null;
                }

                counts.Open++;
                counts.Pending++;
                return new Lease(new Holder(this, counts));
            }
        }
    }

    private void Release(Counts counts, bool pending, bool closed)
    {
        lock (counts)
        {
            counts.Pending -= pending ? 1 : 0;
            counts.Open -= closed ? 1 : 0;
            if (counts.Open == 0)
            {
                counts.Removed = true;
                _byAddress.TryRemove(new KeyValuePair<IPAddress, Counts>(counts.Address, counts));
            }
        }
    }

    internal sealed class Counts(IPAddress address)
    {
        public IPAddress Address { get; } = address;

        public int Open { get; set; }

        public int Pending { get; set; }

        public bool Removed { get; set; }
    }

    internal sealed record Holder(AddressConnectionLimits Limits, Counts Counts);

    /// <summary>One connection's place in its address's counts: pending until its CONNECT is read, released when it closes.</summary>
    internal sealed class Lease : IDisposable
    {
        private readonly Holder? _holder;
        private int _state; // 0 pending, 1 connected, 2 closed

        internal Lease(Holder? holder) => _holder = holder;

        public void Connected()
        {
            if (_holder is not null && Interlocked.CompareExchange(ref _state, 1, 0) == 0)
            {
                _holder.Limits.Release(_holder.Counts, pending: true, closed: false);
            }
        }

        public void Dispose()
        {
            int previous = Interlocked.Exchange(ref _state, 2);
            if (_holder is not null && previous != 2)
            {
                _holder.Limits.Release(_holder.Counts, pending: previous == 0, closed: true);
            }
        }
    }
}
