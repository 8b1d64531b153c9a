using System.Net.WebSockets;
using Carmen.Testing.Node;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

namespace Carmen.Node.Tests.Hardening;

/// <summary>A device on MQTT over WebSocket that vanishes mid-packet ends its connection quietly: no error in the log, the listener keeps serving.</summary>
public sealed class WebSocketAbruptEndTests : IAsyncLifetime
{
    private readonly RecordingLoggerProvider _logs = new();
    private readonly CarmenApiFactory _factory;

    public WebSocketAbruptEndTests() => _factory = new CarmenApiFactory { Logs = _logs };

    public Task InitializeAsync()
    {
        _factory.StartServer();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task APeerThatAbortsMidConnectIsAnOrdinaryEndNotAnError()
    {
        for (int attempt = 0; attempt < 5; attempt++)
        {
            using WebSocket socket = await ConnectAsync();
            await socket.SendAsync(new byte[] { 0x10, 0x20, 0x00, 0x04 }, WebSocketMessageType.Binary, endOfMessage: false, CancellationToken.None);
            socket.Abort();
        }

        using WebSocket healthy = await ConnectAsync();
        await healthy.SendAsync(new byte[] { 0xC0, 0x00 }, WebSocketMessageType.Binary, endOfMessage: true, CancellationToken.None); // PINGREQ before CONNECT
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        WebSocketReceiveResult answer = await healthy.ReceiveAsync(new byte[16], timeout.Token);

        answer.MessageType.Should().Be(WebSocketMessageType.Close, "the listener still serves, and refuses a session that does not start with CONNECT");
        _logs.Entries.Where(entry => entry.Level >= LogLevel.Error).Should().BeEmpty("a vanished peer is not a failure of the node");
    }

    private Task<WebSocket> ConnectAsync()
    {
        WebSocketClient client = _factory.Server.CreateWebSocketClient();
        client.SubProtocols.Add("mqtt");
        return client.ConnectAsync(new Uri(_factory.Server.BaseAddress, "/mqtt"), CancellationToken.None);
    }
}
