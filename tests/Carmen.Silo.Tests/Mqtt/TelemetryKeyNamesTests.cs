using System.Buffers;
using System.Text;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Silo.Mqtt.DeviceApi;

namespace Carmen.Silo.Tests.Mqtt;

/// <summary>Key names read from telemetry are shared between messages, and escaped or non-ASCII names come out exactly as JSON means them.</summary>
public sealed class TelemetryKeyNamesTests
{
    [Fact]
    public void TheSameKeyInTwoMessagesIsOneString()
    {
        TelemetryPoint[] first = Parse("""{"temperature":21.5,"humidity":40}""");
        TelemetryPoint[] second = Parse("""{"humidity":41,"temperature":21.6}""");

        ReferenceEquals(first[0].Key, second[1].Key).Should().BeTrue("a fleet sends the same keys millions of times");
        ReferenceEquals(first[1].Key, second[0].Key).Should().BeTrue();
    }

    [Fact]
    public void EscapedAndNonAsciiNamesReadAsJsonMeansThem()
    {
        TelemetryPoint[] points = Parse("""{"temp\u00e9rature":1,"caf\u00e9":2,"Größe":3,"a\"b":4,"\ud83d\ude00":5}""");

        points.Select(point => point.Key).Should().Equal("température", "café", "Größe", "a\"b", "😀");
        Parse("""{"Größe":6}""")[0].Key.Should().Be("Größe");
        FluentActions.Invoking(() => Parse("""{"":1}""")).Should().Throw<FormatException>();
        FluentActions.Invoking(() => Parse($$"""{"{{new string('k', 256)}}":1}""")).Should().Throw<FormatException>();
    }

    private static TelemetryPoint[] Parse(string json) =>
        ThingsBoardPayloads.ParseTelemetry(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), receivedAt: 1_765_000_000_000);
}
