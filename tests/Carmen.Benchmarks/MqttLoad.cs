using System.Diagnostics;
using MQTTnet;
using MQTTnet.Protocol;

namespace Carmen.Benchmarks;

/// <summary>
/// The device side of the MQTT benchmark: N MQTTnet clients, each publishing ThingsBoard-style telemetry (3 keys per
/// message) as fast as its QoS allows (QoS 1: one message in flight per device, waiting for its PUBACK).
/// </summary>
internal sealed class MqttLoad(IReadOnlyList<IMqttClient> devices, string topicPattern, MqttQualityOfServiceLevel qos, bool withSendTime)
{
    public long Sent;
    public long Failed;

    public static async Task<List<IMqttClient>> ConnectAsync(int count, Func<int, MqttClientOptions> options)
    {
        var clients = new IMqttClient[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, cancellationToken) =>
        {
            IMqttClient client = new MqttClientFactory().CreateMqttClient();
            MqttClientConnectResult result = await client.ConnectAsync(options(i), cancellationToken);
            if (result.ResultCode != MqttClientConnectResultCode.Success)
            {
                throw new InvalidOperationException($"Device {i} was refused: {result.ResultCode}");
            }

            clients[i] = client;
        });
        return [.. clients];
    }

    /// <summary>Publishes until <paramref name="duration"/> is over; with send times, payloads carry a 4th key "sent" (Stopwatch ticks) for a receiver to measure latency.</summary>
    public async Task RunAsync(TimeSpan duration)
    {
        var deadline = Stopwatch.StartNew();
        int workers = Math.Min(devices.Count, Environment.ProcessorCount * 16);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            while (deadline.Elapsed < duration)
            {
                for (int i = worker; i < devices.Count && deadline.Elapsed < duration; i += workers)
                {
                    string sendTime = withSendTime ? $",\"sent\":{Stopwatch.GetTimestamp()}" : "";
                    string payload = $$"""{"temperature":{{20 + (random.Next(100) / 10.0)}},"humidity":{{random.Next(30, 70)}},"cpu":{{random.Next(100)}}{{sendTime}}}""";
                    try
                    {
                        MqttClientPublishResult result = await devices[i].PublishAsync(
                            new MqttApplicationMessageBuilder().WithTopic(TopicOf(i)).WithPayload(payload).WithQualityOfServiceLevel(qos).Build());
                        Interlocked.Increment(ref result.IsSuccess ? ref Sent : ref Failed);
                    }
                    catch (Exception) when (deadline.Elapsed >= duration)
                    {
                        return;
                    }
                }
            }
        })));
    }

    private string TopicOf(int device) => topicPattern.Replace("{device}", device.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
