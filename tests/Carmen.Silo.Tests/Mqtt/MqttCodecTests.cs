using System.Buffers;
using Carmen.Silo.Mqtt.Protocol;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;

namespace Carmen.Silo.Tests.Mqtt;

/// <summary>
/// Carmen's MQTT codec against MQTTnet's, an implementation written elsewhere: what MQTTnet's client encodes, Carmen
/// reads field by field (3.1.1 and 5); what Carmen writes, MQTTnet's decoder reads back.
/// </summary>
public sealed class MqttCodecTests
{
    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public void ReadsAConnectAsMqttnetEncodesIt(MqttProtocolVersion version)
    {
        MqttFrame frame = FrameOf(Encode(version, new MqttConnectPacket
        {
            ClientId = "sensor-7",
            Username = "token-1",
            Password = "secret"u8.ToArray(),
            KeepAlivePeriod = 45,
            CleanSession = true,
            WillFlag = true,
            WillTopic = "gone",
            WillMessage = [1, 2, 3],
            MaximumPacketSize = version == MqttProtocolVersion.V500 ? 4096u : 0u,
            RequestProblemInformation = version != MqttProtocolVersion.V500,
        }));

        MqttConnect connect = MqttConnect.Parse(frame);

        connect.Level.Should().Be(version == MqttProtocolVersion.V500 ? MqttProtocolLevel.V500 : MqttProtocolLevel.V311);
        connect.ClientId.Should().Be("sensor-7");
        connect.UserName.Should().Be("token-1");
        connect.Password.Should().Be("secret");
        connect.KeepAliveSeconds.Should().Be(45);
        connect.CleanStart.Should().BeTrue();
        if (version == MqttProtocolVersion.V500)
        {
            connect.MaximumPacketSize.Should().Be(4096);
            connect.RequestProblemInformation.Should().BeFalse();
        }
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfServiceLevel.AtMostOnce)]
    [InlineData(MqttProtocolVersion.V311, MqttQualityOfServiceLevel.AtLeastOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfServiceLevel.AtLeastOnce)]
    [InlineData(MqttProtocolVersion.V500, MqttQualityOfServiceLevel.ExactlyOnce)]
    public void ReadsAPublishWithItsPropertiesAndPayloadInPlace(MqttProtocolVersion version, MqttQualityOfServiceLevel qos)
    {
        byte[] payload = """{"temperature":21.5}"""u8.ToArray();
        var packet = new MqttPublishPacket
        {
            Topic = "v1/devices/me/telemetry",
            QualityOfServiceLevel = qos,
            PacketIdentifier = qos == MqttQualityOfServiceLevel.AtMostOnce ? (ushort)0 : (ushort)513,
            Payload = new ReadOnlySequence<byte>(payload),
        };
        if (version == MqttProtocolVersion.V500)
        {
            packet.ContentType = "application/json";
            packet.UserProperties = [new MQTTnet.Packets.MqttUserProperty("site", "north"u8.ToArray().AsMemory())];
            packet.CorrelationData = [9, 9];
            packet.MessageExpiryInterval = 60;
        }

        MqttPublish publish = MqttPublish.Parse(FrameOf(Encode(version, packet)), version == MqttProtocolVersion.V500 ? MqttProtocolLevel.V500 : MqttProtocolLevel.V311);

        publish.Topic.Should().BeSameAs(Carmen.Grains.Interfaces.Connectivity.DeviceTopics.Telemetry, "the telemetry topic costs no string");
        publish.Qos.Should().Be((byte)qos);
        publish.PacketId.Should().Be(packet.PacketIdentifier);
        publish.Payload.ToArray().Should().Equal(payload);
    }

    [Fact]
    public void ReadsASubscribeOfSeveralFiltersWithOptions()
    {
        var packet = new MqttSubscribePacket
        {
            PacketIdentifier = 77,
            TopicFilters =
            [
                new MqttTopicFilter { Topic = "v1/devices/me/attributes", QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce, NoLocal = true },
                new MqttTopicFilter { Topic = "v1/devices/me/rpc/request/+", QualityOfServiceLevel = MqttQualityOfServiceLevel.ExactlyOnce },
            ],
            SubscriptionIdentifier = 12,
        };

        MqttSubscribe subscribe = MqttSubscribe.Parse(FrameOf(Encode(MqttProtocolVersion.V500, packet)), MqttProtocolLevel.V500, unsubscribe: false);

        subscribe.PacketId.Should().Be(77);
        subscribe.Filters.Should().Equal(("v1/devices/me/attributes", (byte)1), ("v1/devices/me/rpc/request/+", (byte)2));
    }

    [Fact]
    public void WritesAConnAckMqttnetReadsWithTheAssignedClientIdAndPacketLimit()
    {
        var output = new ArrayBufferWriter<byte>();
        MqttPacketWriter.ConnAck(output, MqttProtocolLevel.V500, 0, "carmen-abc", 81_920);

        var connAck = (MqttConnAckPacket)Decode(MqttProtocolVersion.V500, output.WrittenSpan);

        connAck.ReasonCode.Should().Be(MqttConnectReasonCode.Success);
        connAck.AssignedClientIdentifier.Should().Be("carmen-abc");
        connAck.MaximumPacketSize.Should().Be(81_920);
        connAck.SharedSubscriptionAvailable.Should().BeFalse();
    }

    [Theory]
    [InlineData(0x86, MqttConnectReturnCode.ConnectionRefusedBadUsernameOrPassword)]
    [InlineData(0x8A, MqttConnectReturnCode.ConnectionRefusedNotAuthorized)]
    [InlineData(0x85, MqttConnectReturnCode.ConnectionRefusedIdentifierRejected)]
    [InlineData(0x84, MqttConnectReturnCode.ConnectionRefusedUnacceptableProtocolVersion)]
    public void WritesMqtt311ReturnCodesForReasonCodes(byte reasonCode, MqttConnectReturnCode expected)
    {
        var output = new ArrayBufferWriter<byte>();
        MqttPacketWriter.ConnAck(output, MqttProtocolLevel.V311, reasonCode, null, 1024);

        ((MqttConnAckPacket)Decode(MqttProtocolVersion.V311, output.WrittenSpan)).ReturnCode.Should().Be(expected);
    }

    [Fact]
    public void WritesAPubAckWithReasonStringOnlyWhenItFitsTheClientsLimit()
    {
        var roomy = new ArrayBufferWriter<byte>();
        MqttPacketWriter.Ack(roomy, MqttPacketType.PubAck, 9, MqttProtocolLevel.V500, 0x99, "The payload is not JSON.", 1024);
        var tight = new ArrayBufferWriter<byte>();
        MqttPacketWriter.Ack(tight, MqttPacketType.PubAck, 9, MqttProtocolLevel.V500, 0x99, "The payload is not JSON.", 16);

        var withReason = (MqttPubAckPacket)Decode(MqttProtocolVersion.V500, roomy.WrittenSpan);
        withReason.PacketIdentifier.Should().Be(9);
        withReason.ReasonCode.Should().Be(MqttPubAckReasonCode.PayloadFormatInvalid);
        withReason.ReasonString.Should().Be("The payload is not JSON.");
        ((MqttPubAckPacket)Decode(MqttProtocolVersion.V500, tight.WrittenSpan)).ReasonString.Should().BeNull();
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public void WritesAPublishMqttnetReads(MqttProtocolVersion version)
    {
        var output = new ArrayBufferWriter<byte>();
        byte[] payload = new byte[300];
        Random.Shared.NextBytes(payload);
        MqttProtocolLevel level = version == MqttProtocolVersion.V500 ? MqttProtocolLevel.V500 : MqttProtocolLevel.V311;
        MqttPacketWriter.Publish(output, "v1/devices/me/rpc/request/4", payload, 1, 4242, level);

        var publish = (MqttPublishPacket)Decode(version, output.WrittenSpan);

        output.WrittenCount.Should().Be(MqttPacketWriter.PublishSize("v1/devices/me/rpc/request/4", payload.Length, 1, level));
        publish.Topic.Should().Be("v1/devices/me/rpc/request/4");
        publish.PacketIdentifier.Should().Be(4242);
        publish.QualityOfServiceLevel.Should().Be(MqttQualityOfServiceLevel.AtLeastOnce);
        publish.Payload.ToArray().Should().Equal(payload);
    }

    [Fact]
    public void WritesASubAckWithARefusalMqtt311Understands()
    {
        var output = new ArrayBufferWriter<byte>();
        MqttPacketWriter.SubAck(output, 3, MqttProtocolLevel.V311, [1, 0x87], "not yours", 1024);

        var subAck = (MqttSubAckPacket)Decode(MqttProtocolVersion.V311, output.WrittenSpan);

        subAck.PacketIdentifier.Should().Be(3);
        subAck.ReasonCodes.Should().Equal(MqttSubscribeReasonCode.GrantedQoS1, MqttSubscribeReasonCode.UnspecifiedError);
    }

    [Fact]
    public void ReadsAFrameOnlyWhenItIsWholeAndRefusesAnOversizedOneFromItsLength()
    {
        byte[] bytes = Encode(MqttProtocolVersion.V311, new MqttPingReqPacket()).Concat(Encode(MqttProtocolVersion.V311, new MqttPublishPacket { Topic = "t", Payload = new ReadOnlySequence<byte>(new byte[200]) })).ToArray();

        var partial = new ReadOnlySequence<byte>(bytes, 0, bytes.Length - 1);
        MqttFrame.TryRead(ref partial, 1024, out MqttFrame ping).Should().BeTrue();
        ping.Type.Should().Be(MqttPacketType.PingReq);
        MqttFrame.TryRead(ref partial, 1024, out _).Should().BeFalse("the PUBLISH is one byte short");

        var lengthOnly = new ReadOnlySequence<byte>(bytes, 2, 4);
        FluentActions.Invoking(() => TryReadCopy(lengthOnly, 100)).Should().Throw<MqttPacketRefusedException>().Which.Reason.Should().Be("packet_too_large");
        FluentActions.Invoking(() => TryReadCopy(new ReadOnlySequence<byte>([0x30, 0xFF, 0xFF, 0xFF, 0xFF, 0x01]), int.MaxValue))
            .Should().Throw<MqttPacketRefusedException>().Which.Reason.Should().Be("malformed");
    }

    [Fact]
    public void ReadsAFrameSplitAcrossBufferSegments()
    {
        byte[] bytes = Encode(MqttProtocolVersion.V311, new MqttPublishPacket { Topic = "v1/devices/me/telemetry", Payload = new ReadOnlySequence<byte>("""{"a":1}"""u8.ToArray()) });
        ReadOnlySequence<byte> split = Segments.Of(bytes[..3], bytes[3..10], bytes[10..]);

        MqttFrame.TryRead(ref split, 1024, out MqttFrame frame).Should().BeTrue();
        MqttPublish publish = MqttPublish.Parse(frame, MqttProtocolLevel.V311);

        publish.Topic.Should().Be("v1/devices/me/telemetry");
        publish.Payload.ToArray().Should().Equal("""{"a":1}"""u8.ToArray());
        split.IsEmpty.Should().BeTrue();
    }

    [Fact]
    public void MutatedPacketsAreRefusedNeverAnUnexpectedException()
    {
        // Valid packets of every kind a client sends, mutated from a seed: a byte flipped, the buffer cut, a length
        // changed. The codec either reads them or refuses them as the protocol says; nothing else may escape.
        byte[][] valid =
        [
            Encode(MqttProtocolVersion.V500, new MqttConnectPacket { ClientId = "c", Username = "u", Password = [1], WillFlag = true, WillTopic = "w", WillMessage = [2], KeepAlivePeriod = 5, SessionExpiryInterval = 9 }),
            Encode(MqttProtocolVersion.V311, new MqttConnectPacket { ClientId = "c", Username = "u", KeepAlivePeriod = 5, CleanSession = true }),
            Encode(MqttProtocolVersion.V500, new MqttPublishPacket { Topic = "v1/devices/me/telemetry", QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce, PacketIdentifier = 3, ContentType = "x", Payload = new ReadOnlySequence<byte>("{}"u8.ToArray()) }),
            Encode(MqttProtocolVersion.V500, new MqttSubscribePacket { PacketIdentifier = 1, TopicFilters = [new MqttTopicFilter { Topic = "a/+", QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce }] }),
            Encode(MqttProtocolVersion.V500, new MqttUnsubscribePacket { PacketIdentifier = 1, TopicFilters = ["a/+"] }),
        ];
        var random = new Random(20_261_207);
        for (int i = 0; i < 50_000; i++)
        {
            byte[] bytes = [.. valid[random.Next(valid.Length)]];
            switch (random.Next(3))
            {
                case 0:
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes = bytes[..random.Next(1, bytes.Length)];
                    break;
                default:
                    bytes[1] = (byte)random.Next(128);
                    break;
            }

            try
            {
                var buffer = new ReadOnlySequence<byte>(bytes);
                if (MqttFrame.TryRead(ref buffer, 4096, out MqttFrame frame))
                {
                    _ = frame.Type switch
                    {
                        MqttPacketType.Connect => MqttConnect.Parse(frame).ClientId,
                        MqttPacketType.Publish => MqttPublish.Parse(frame, MqttProtocolLevel.V500).Topic,
                        MqttPacketType.Subscribe => MqttSubscribe.Parse(frame, MqttProtocolLevel.V500, unsubscribe: false).PacketId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        MqttPacketType.Unsubscribe => MqttSubscribe.Parse(frame, MqttProtocolLevel.V500, unsubscribe: true).PacketId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        _ => "",
                    };
                }
            }
            catch (Exception refused) when (refused is MqttPacketRefusedException or MqttUnsupportedProtocolException)
            {
                // As the protocol says.
            }
        }
    }

    private static bool TryReadCopy(ReadOnlySequence<byte> buffer, int maxBytes) => MqttFrame.TryRead(ref buffer, maxBytes, out _);

    private static MqttFrame FrameOf(byte[] bytes)
    {
        var buffer = new ReadOnlySequence<byte>(bytes);
        MqttFrame.TryRead(ref buffer, int.MaxValue, out MqttFrame frame).Should().BeTrue();
        buffer.IsEmpty.Should().BeTrue();
        return frame;
    }

    private static byte[] Encode(MqttProtocolVersion version, MqttPacket packet)
    {
        var formatter = new MqttPacketFormatterAdapter(version, new MqttBufferWriter(4096, 65536));
        return formatter.Encode(packet).Join().ToArray();
    }

    private static MqttPacket Decode(MqttProtocolVersion version, ReadOnlySpan<byte> bytes)
    {
        int header = 1;
        while ((bytes[header] & 0x80) != 0)
        {
            header++;
        }

        header++;
        var formatter = new MqttPacketFormatterAdapter(version, new MqttBufferWriter(4096, 65536));
        return formatter.Decode(new MQTTnet.Adapter.ReceivedMqttPacket(bytes[0], new ArraySegment<byte>(bytes[header..].ToArray()), bytes.Length));
    }
}
