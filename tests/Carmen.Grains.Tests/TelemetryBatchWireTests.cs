using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Carmen.Grains.Tests;

/// <summary>The telemetry stream's wire form: every kind of value, key and timestamp comes back as it went, and a damaged buffer is refused, not misread.</summary>
public sealed class TelemetryBatchWireTests
{
    private static readonly TelemetryBatch s_batch = new("tenant-ä", [
        new DeviceTelemetryItem("d1", "cluster-1", [
            new TelemetryPoint(1_765_000_000_000, "temperature", TelemetryValue.FromNumber(21.5)),
            new TelemetryPoint(1_765_000_000_000, "zero", TelemetryValue.FromNumber(0)),
            new TelemetryPoint(1_764_999_999_000, "open", TelemetryValue.FromBoolean(true)),
            new TelemetryPoint(-5, "closed", TelemetryValue.FromBoolean(false)),
            new TelemetryPoint(long.MaxValue, "note", TelemetryValue.FromText("hé \"quoted\"")),
            new TelemetryPoint(long.MinValue, "empty", TelemetryValue.FromText("")),
            new TelemetryPoint(0, "shape", TelemetryValue.FromJson("{\"a\":[1,2]}")),
            new TelemetryPoint(7, "temperature", TelemetryValue.FromNumber(double.MinValue)),
        ]),
        new DeviceTelemetryItem("d2", "cluster-1", []),
        new DeviceTelemetryItem("d3", "cluster-2", [new TelemetryPoint(8, "temperature", TelemetryValue.FromNumber(-0.25))]),
    ]);

    [Fact]
    public void ABatchComesBackThroughOrleansSerializerAsItWent()
    {
        Serializer serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

        TelemetryBatch copy = serializer.Deserialize<TelemetryBatch>(serializer.SerializeToArray(s_batch))!;

        copy.TenantId.Should().Be(s_batch.TenantId);
        copy.Devices.Should().HaveCount(3);
        for (int device = 0; device < copy.Devices.Count; device++)
        {
            copy.Devices[device].DeviceId.Should().Be(s_batch.Devices[device].DeviceId);
            copy.Devices[device].ClusterId.Should().Be(s_batch.Devices[device].ClusterId);
            copy.Devices[device].Points.Should().Equal(s_batch.Devices[device].Points);
        }
    }

    [Fact]
    public void RepeatedKeysAndClustersAreWrittenOnce()
    {
        TelemetryBatch many = new("t", [.. Enumerable.Range(0, 100).Select(i => new DeviceTelemetryItem($"device-{i:D4}", "the-cluster", [
            new TelemetryPoint(1_765_000_000_000 + i, "temperature", TelemetryValue.FromNumber(i)),
            new TelemetryPoint(1_765_000_000_000 + i, "humidity", TelemetryValue.FromNumber(i)),
        ]))]);

        byte[] encoded = TelemetryBatchConverter.Encode(many);

        // Per device: the id (12 bytes), the cluster's number, the count; per point: Δtime, key number, flags, 8 bytes.
        encoded.Length.Should().BeLessThan(100 * (12 + 2 + 2 * 11) + 100);
        TelemetryBatchConverter.Decode(encoded).Devices.SelectMany(device => device.Points).Should().Equal(many.Devices.SelectMany(device => device.Points));
    }

    [Fact]
    public void ADamagedBufferIsRefused()
    {
        byte[] encoded = TelemetryBatchConverter.Encode(s_batch);

        for (int length = 0; length < encoded.Length; length++)
        {
            byte[] cut = encoded[..length];
            FluentActions.Invoking(() => TelemetryBatchConverter.Decode(cut)).Should().Throw<InvalidDataException>($"the batch cut at {length} bytes");
        }

        byte[] unknownVersion = [.. encoded];
        unknownVersion[0] = 9;
        FluentActions.Invoking(() => TelemetryBatchConverter.Decode(unknownVersion)).Should().Throw<InvalidDataException>();
    }
}
