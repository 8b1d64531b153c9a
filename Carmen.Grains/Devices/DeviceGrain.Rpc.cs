using System.Text.Json;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Connectivity;

namespace Carmen.Grains.Devices;

/// <summary>
/// Server-side RPC. A call is sent through the link of the silo holding the device's connection; the answer comes
/// back through <see cref="CompleteRpcAsync"/> and wakes the interleaved <see cref="AwaitRpcAsync"/>, so a device
/// keeps publishing telemetry while an operator waits on it. Persistent calls are kept in state until delivered.
/// </summary>
public sealed partial class DeviceGrain : IRpcDeviceGrain
{
    private const int PersistentRpcsKept = 100;

    private readonly Dictionary<int, TaskCompletionSource<string>> _awaitedRpcs = [];

    public async Task<RpcResult> CallAsync(RpcCall request, CancellationToken cancellationToken)
    {
        DeviceState state = RequireInService();
        if (!DiagnosticRpcMethods.Contains(request.Method))
        {
            RequireNotIsolated($"RPCs other than diagnostics ({string.Join(", ", DiagnosticRpcMethods.Order(StringComparer.Ordinal))})");
        }

        int id = ++state.LastRpcId;
        if (request.Persistent)
        {
            if (state.PersistentRpcs.Count(rpc => rpc.Status == RpcStatus.Queued) >= PersistentRpcsKept)
            {
                throw CarmenException.Conflict($"Device '{Key.DeviceId}' already has {PersistentRpcsKept} queued RPCs.", "persistent");
            }

            var rpc = new PersistentRpc { Id = id, Call = request, Status = RpcStatus.Queued };
            state.PersistentRpcs.Add(rpc);
            if (await SendRpcAsync(id, request) == RpcStatus.Sent)
            {
                rpc.Status = RpcStatus.Sent;
            }

            TrimPersistentRpcs();
            await device.WriteStateAsync(cancellationToken);
            return rpc.ToResult();
        }

        if (!request.OneWay)
        {
            // Registered before sending: a fast device may answer before this call returns.
            _awaitedRpcs[id] = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        RpcStatus status = await SendRpcAsync(id, request);
        if (status != RpcStatus.Sent)
        {
            _awaitedRpcs.Remove(id);
        }

        return new RpcResult(id, request.Method, status, null, null);
    }

    public async Task<RpcResult> AwaitRpcAsync(int id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (!_awaitedRpcs.TryGetValue(id, out TaskCompletionSource<string>? answer))
        {
            throw CarmenException.NotFound($"RPC {id} of device '{Key.DeviceId}' is not awaited.");
        }

        try
        {
            string response = await answer.Task.WaitAsync(timeout, cancellationToken);
            return new RpcResult(id, "", RpcStatus.Successful, response, null);
        }
        catch (TimeoutException)
        {
            return new RpcResult(id, "", RpcStatus.TimedOut, null, null);
        }
        finally
        {
            _awaitedRpcs.Remove(id);
        }
    }

    public async Task CompleteRpcAsync(int id, string responseJson, CancellationToken cancellationToken)
    {
        if (_awaitedRpcs.TryGetValue(id, out TaskCompletionSource<string>? answer))
        {
            answer.TrySetResult(responseJson);
            return;
        }

        if (device.State.PersistentRpcs.Find(rpc => rpc.Id == id && rpc.Status == RpcStatus.Sent) is PersistentRpc persistent)
        {
            persistent.Status = RpcStatus.Successful;
            persistent.ResponseJson = responseJson;
            await device.WriteStateAsync(cancellationToken);
        }
    }

    public Task<RpcResult> GetRpcAsync(int id, CancellationToken cancellationToken)
    {
        PersistentRpc rpc = RequireRegistered().PersistentRpcs.Find(rpc => rpc.Id == id)
            ?? throw CarmenException.NotFound($"Device '{Key.DeviceId}' has no persistent RPC {id}.");
        if (rpc.Status == RpcStatus.Queued && rpc.Call.ExpiresAt <= time.GetUtcNow())
        {
            rpc.Status = RpcStatus.Expired;
        }

        return Task.FromResult(rpc.ToResult());
    }

    public async Task RpcSubscribedAsync(string connectionId, CancellationToken cancellationToken)
    {
        if (IsRegistered && device.State.Connection?.ConnectionId == connectionId)
        {
            await SendQueuedRpcsAsync(cancellationToken);
        }
    }

    /// <summary>Sends the queued persistent calls that have not expired; the ones the device cannot take yet stay queued.</summary>
    private async Task SendQueuedRpcsAsync(CancellationToken cancellationToken)
    {
        DeviceState state = device.State;
        bool changed = false;
        foreach (PersistentRpc rpc in state.PersistentRpcs.Where(rpc => rpc.Status == RpcStatus.Queued).ToList())
        {
            RpcStatus status = rpc.Call.ExpiresAt <= time.GetUtcNow() ? RpcStatus.Expired : await SendRpcAsync(rpc.Id, rpc.Call);
            if (status is RpcStatus.Sent or RpcStatus.Expired)
            {
                rpc.Status = status;
                changed = true;
            }
        }

        if (changed)
        {
            await device.WriteStateAsync(cancellationToken);
        }
    }

    /// <summary>ThingsBoard's request: {"method":...,"params":...} on v1/devices/me/rpc/request/{id}.</summary>
    private async Task<RpcStatus> SendRpcAsync(int id, RpcCall call)
    {
        if (device.State.Connection is not DeviceConnection connection)
        {
            return RpcStatus.Offline;
        }

        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("method", call.Method);
            json.WritePropertyName("params");
            json.WriteRawValue(call.ParamsJson);
            json.WriteEndObject();
        }

        bool delivered = false;
        await TellLinkAsync(connection, async link =>
            delivered = await link.SendAsync(connection.ConnectionId, new DeviceMessage(DeviceTopics.RpcRequestPrefix + id, buffer.ToArray())));
        return delivered ? RpcStatus.Sent : RpcStatus.NotSubscribed;
    }

    /// <summary>Keeps every queued call and the most recent settled ones, so the list cannot grow without bound.</summary>
    private void TrimPersistentRpcs()
    {
        List<PersistentRpc> rpcs = device.State.PersistentRpcs;
        while (rpcs.Count > PersistentRpcsKept && rpcs.FindIndex(rpc => rpc.Status != RpcStatus.Queued) is int oldest and >= 0)
        {
            rpcs.RemoveAt(oldest);
        }
    }
}
