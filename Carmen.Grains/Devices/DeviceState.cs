using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Grains.Devices;

[GenerateSerializer, Alias("Carmen.DeviceState")]
public sealed class DeviceState
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public string ClusterId { get; set; } = "";
    [Id(2)] public string? Type { get; set; }
    [Id(3)] public List<string> Labels { get; set; } = [];
    [Id(4)] public DeviceStatus Status { get; set; }
    [Id(5)] public string? FirmwareVersion { get; set; }
    [Id(6)] public DateTimeOffset CreatedAt { get; set; }
    [Id(7)] public DateTimeOffset? LastSeenAt { get; set; }
    [Id(8)] public string? AccessTokenHash { get; set; }
    [Id(9)] public DateTimeOffset CredentialsIssuedAt { get; set; }
    [Id(10)] public Dictionary<string, string> SharedAttributes { get; set; } = [];
    [Id(11)] public Dictionary<string, string> ServerAttributes { get; set; } = [];

    /// <summary>The request that registered the device; a replay of it is answered rather than refused.</summary>
    [Id(12)] public string? RegistrationRequestId { get; set; }

    /// <summary>Attributes the device reported about itself (values are JSON texts).</summary>
    [Id(13)] public Dictionary<string, string> ClientAttributes { get; set; } = [];

    /// <summary>The live MQTT connection, kept in state so an idle grain reactivated later can still reach its device.</summary>
    [Id(14)] public DeviceConnection? Connection { get; set; }

    /// <summary>Latest telemetry, saved when the grain deactivates or the device disconnects (not on every message).</summary>
    [Id(15)] public Dictionary<string, TimestampedValue> LatestTelemetry { get; set; } = [];

    /// <summary>Persistent RPCs, queued or recently settled (bounded), oldest first.</summary>
    [Id(16)] public List<PersistentRpc> PersistentRpcs { get; set; } = [];

    /// <summary>The last RPC id handed out; ids are per device, as the device sees them in its request topic.</summary>
    [Id(17)] public int LastRpcId { get; set; }

    /// <summary>MQTT basic credentials, when the device uses them instead of an access token.</summary>
    [Id(18)] public string? MqttUsername { get; set; }
    [Id(19)] public string? MqttClientId { get; set; }

    /// <summary>PBKDF2 hash of the basic credentials' password; null when they have none.</summary>
    [Id(20)] public string? MqttPasswordHash { get; set; }

    /// <summary>The distribution set the device runs, and the action that installed it.</summary>
    [Id(21)] public long? InstalledDistributionSetId { get; set; }
    [Id(22)] public long? InstalledActionId { get; set; }

    /// <summary>Update actions, oldest first: active ones and the installed one are always kept, older ones bounded.</summary>
    [Id(23)] public List<UpdateAction> Actions { get; set; } = [];

    /// <summary>The last action id handed out (per device, as the device sees it in DDI URLs).</summary>
    [Id(24)] public long LastActionId { get; set; }

    /// <summary>When the device last sent its attributes as DDI configData; until then Carmen asks for them.</summary>
    [Id(25)] public DateTimeOffset? ConfigDataReceivedAt { get; set; }

    /// <summary>The health gate watched after the latest rollout action finished, while the rollout asks for one.</summary>
    [Id(26)] public HealthWatch? HealthWatch { get; set; }

    /// <summary>Set while the device confirms actions that ask for confirmation in advance.</summary>
    [Id(27)] public AutoConfirmation? AutoConfirm { get; set; }

    /// <summary>The alert each rule has active on the device (rule id to alert id), so a reactivated grain carries on with them.</summary>
    [Id(28)] public Dictionary<long, string> ActiveAlerts { get; set; } = [];

    /// <summary>The device is a gateway: its connection carries the devices behind it (ThingsBoard's gateway API).</summary>
    [Id(29)] public bool IsGateway { get; set; }

    /// <summary>The gateway the device is behind, which registered it; only that gateway reaches it.</summary>
    [Id(30)] public string? GatewayDeviceId { get; set; }

    /// <summary>When the device provisioned itself (ThingsBoard's device provisioning); it cannot do so twice.</summary>
    [Id(31)] public DateTimeOffset? ProvisionedAt { get; set; }

    /// <summary>PBKDF2 hash of the secret the device offered to be claimed with, until the claim expires or is taken.</summary>
    [Id(32)] public string? ClaimSecretHash { get; set; }
    [Id(33)] public DateTimeOffset? ClaimableUntil { get; set; }

    /// <summary>Wrong secrets tried against the current claim; enough of them void it.</summary>
    [Id(34)] public int ClaimFailures { get; set; }

    /// <summary>The incident that isolates the device (status <see cref="DeviceStatus.Isolated"/>), and since when.</summary>
    [Id(35)] public long? IsolatedBy { get; set; }
    [Id(36)] public DateTimeOffset? IsolatedAt { get; set; }

    /// <summary>Whether the device authenticates with basic credentials rather than an access token.</summary>
    public bool UsesBasicCredentials => MqttUsername is not null || MqttClientId is not null;
}
