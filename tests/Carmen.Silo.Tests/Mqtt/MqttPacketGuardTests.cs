using Carmen.Silo.Mqtt.Listener;

namespace Carmen.Silo.Tests.Mqtt;

public sealed class MqttPacketGuardTests
{
    [Fact]
    public void ConnectDeclaringTwoHundredFiftySixMegabytesIsRefusedFromItsHeaderAlone()
    {
        var guard = new MqttPacketGuard(connectMaxBytes: 16_384, maxPacketBytes: 81_920);

        Action observe = () => guard.Observe([0x10, 0xFF, 0xFF, 0xFF, 0x7F]);

        observe.Should().Throw<MqttPacketRefusedException>().Which.Reason.Should().Be("packet_too_large");
    }

    [Fact]
    public void LengthIsCheckedByteByByteSoNothingPastTheLimitIsWaitedFor()
    {
        var guard = new MqttPacketGuard(connectMaxBytes: 100, maxPacketBytes: 1_000);

        guard.Observe([0x10]);
        Action secondByte = () => guard.Observe([0xE5]); // 101 already, continuation set

        secondByte.Should().Throw<MqttPacketRefusedException>();
    }

    [Fact]
    public void PacketsAfterTheConnectTakeTheLargerLimitAcrossAnySplitOfTheStream()
    {
        int connects = 0;
        var guard = new MqttPacketGuard(connectMaxBytes: 100, maxPacketBytes: 1_000) { ConnectCompleted = () => connects++ };
        byte[] connect = [0x10, 0x03, 1, 2, 3];
        byte[] publish = [0x30, 0xE8, 0x07, .. new byte[1_000]]; // 1,000 bytes exactly
        byte[] stream = [.. connect, .. publish, .. publish];

        foreach (byte[] chunk in stream.Chunk(7))
        {
            guard.Observe(chunk);
        }

        connects.Should().Be(1);
        guard.ConnectRead.Should().BeTrue();
        Action tooLarge = () => guard.Observe([0x30, 0xE9, 0x07]);
        tooLarge.Should().Throw<MqttPacketRefusedException>().Which.Message.Should().Contain("1001");
    }

    [Theory]
    [InlineData(new byte[] { 0x30, 0x00 }, "not_connect")]
    [InlineData(new byte[] { 0xC0, 0x00 }, "not_connect")]
    public void AnythingButAConnectFirstIsRefused(byte[] bytes, string reason)
    {
        var guard = new MqttPacketGuard(16_384, 81_920);

        Action observe = () => guard.Observe(bytes);

        observe.Should().Throw<MqttPacketRefusedException>().Which.Reason.Should().Be(reason);
    }

    [Fact]
    public void ARemainingLengthOfFiveBytesIsMalformed()
    {
        var guard = new MqttPacketGuard(16_384, int.MaxValue);
        guard.Observe([0x10, 0x00]);

        Action observe = () => guard.Observe([0x30, 0x80, 0x80, 0x80, 0x80]);

        observe.Should().Throw<MqttPacketRefusedException>().Which.Reason.Should().Be("malformed");
    }

    [Fact]
    public void AnEmptyPacketCompletesAtItsLength()
    {
        int connects = 0;
        var guard = new MqttPacketGuard(16_384, 81_920) { ConnectCompleted = () => connects++ };

        guard.Observe([0x10, 0x00, 0xC0, 0x00, 0xC0, 0x00]);

        connects.Should().Be(1);
    }
}
