using Carmen.EdgeAgent.Attributes;
using Carmen.EdgeAgent.Rpc;
using Microsoft.Extensions.Hosting;

namespace Carmen.EdgeAgent.Connection;

/// <summary>
/// Creates the parts that only react to the connection (attributes, RPC) when the host starts: each subscribes in
/// its constructor, so their handlers are attached before the first connect.
/// </summary>
public sealed class ConnectionParticipants(AttributeSync attributes, RpcServer rpc) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = (attributes, rpc);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
