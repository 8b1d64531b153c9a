using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Silo.Mqtt.External;

/// <summary>
/// The topic scheme on an external broker, where "me" cannot mean anything: {root}/{tenant}/{device}/up/... from the
/// device and {root}/{tenant}/{device}/down/... to it, each followed by the ThingsBoard device API's own suffix
/// (telemetry, attributes, attributes/request/{id}, rpc/response/{id} ...). The two directions are separate subtrees
/// so the broker's ACL can let a device write only "up" and read only "down" of its own subtree.
/// </summary>
internal static class ExternalTopics
{
    /// <summary>The device's presence ("online" or "offline", its will): {root}/{tenant}/{device}/up/status.</summary>
    public const string Status = "status";

    private const string DeviceApiPrefix = "v1/devices/me/";

    /// <summary>The shared subscription every silo takes, so each device message reaches one silo.</summary>
    public static string SharedSubscription(ExternalBrokerOptions options) => $"$share/{options.ShareGroup}/{options.TopicRoot}/+/+/up/#";

    /// <summary>The device and its device API topic (v1/devices/me/..., or <see cref="Status"/>); null when the topic is not a device's "up" topic.</summary>
    public static (DeviceKey Device, string Topic)? Parse(string root, string topic)
    {
        string[] segments = topic.Split('/', 5);
        if (segments.Length < 5 || segments[0] != root || segments[3] != "up"
            || !Identifiers.IsValidSlug(segments[1]) || !Identifiers.IsValidDeviceId(segments[2]) || segments[4].Length == 0)
        {
            return null;
        }

        string suffix = segments[4];
        return (new DeviceKey(segments[1], segments[2]), suffix == Status ? Status : DeviceApiPrefix + suffix);
    }

    /// <summary>The broker topic of a message to a device, from its device API topic.</summary>
    public static string Down(string root, DeviceKey device, string deviceApiTopic) =>
        deviceApiTopic.StartsWith(DeviceApiPrefix, StringComparison.Ordinal)
            ? $"{root}/{device.TenantId}/{device.DeviceId}/down/{deviceApiTopic[DeviceApiPrefix.Length..]}"
            : throw new ArgumentException($"'{deviceApiTopic}' is not a device API topic.", nameof(deviceApiTopic));
}
