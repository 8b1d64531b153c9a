using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Carmen.Testing;
using Carmen.Testing.Node;

namespace Carmen.Node.Tests.Security;

/// <summary>Security events reach Debian's rsyslogd as RFC 5424 over TCP, including those recorded while it was down.</summary>
public sealed class SyslogTests : IAsyncLifetime
{
    private readonly int _syslogPort = FreePorts.Next();
    private CarmenApiFactory? _factory;
    private RsyslogServer? _rsyslog;

    [Fact]
    public async Task SecurityEventsArriveParsedWithTheirTypeStructuredDataAndHashedText()
    {
        using HttpClient client = _factory!.CreateClientFrom(IPAddress.Parse("127.0.0.31"));
        await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "admin", password = "not-the-password" }); // before rsyslog listens
        _rsyslog = await RsyslogServer.StartAsync(_syslogPort);
        await client.PostAsJsonAsync("/api/v1/auth/token", new { username = "admin", password = CarmenApiFactory.AdminPassword });

        string[] lines = await Eventually.ReadAsync(_rsyslog.MessagesAsync,
            received => received.Any(line => line.Contains("|signIn.failed|", StringComparison.Ordinal)) && received.Any(line => line.Contains("|signIn.succeeded|", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(30));

        string failed = lines.First(line => line.Contains("|signIn.failed|", StringComparison.Ordinal));
        string[] fields = failed.Split('|', 7);
        fields[2].Should().Be("carmen", "APP-NAME");
        fields[4].Should().Be("signIn.failed", "MSGID is the event type");
        fields[5].Should().StartWith("[carmen@32473 chain=\"_platform\"").And.Contain("address=\"127.0.0.31\"").And.Contain("actor=\"admin\"");
        string body = fields[6].TrimStart('\uFEFF', ' ');
        body.Should().StartWith("{\"v\":1");
        string hash = fields[5][(fields[5].IndexOf("hash=\"", StringComparison.Ordinal) + 6)..][..64];
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))).Should().Be(hash, "the message is the record's text as the trail hashed it");
        DateTimeOffset.Parse(fields[0], System.Globalization.CultureInfo.InvariantCulture).Should().BeCloseTo(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(2));
    }

    public Task InitializeAsync()
    {
        _factory = new CarmenApiFactory
        {
            Settings = new Dictionary<string, string>
            {
                ["Carmen:Security:Syslog:Host"] = "127.0.0.1",
                ["Carmen:Security:Syslog:Port"] = _syslogPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_rsyslog is not null)
        {
            await _rsyslog.DisposeAsync();
        }
    }
}
