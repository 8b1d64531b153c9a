using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Carmen.Grains.Interfaces.Pki;
using Carmen.Silo.Mqtt.Listener;

namespace Carmen.Silo.Mqtt.DeviceApi;

/// <summary>
/// Certificate renewal over MQTT (Carmen's own topics): a device signed in with its current certificate sends a new
/// CSR and gets its next certificate on the same connection, so renewal is authenticated by the certificate it
/// replaces and needs no token. Any other connection is refused.
/// </summary>
internal sealed class CertificateRenewal(IGrainFactory grains)
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The answer to publish: the new certificate and its chain.</summary>
    public async Task<byte[]> RenewAsync(IDeviceEndpoint device, ReadOnlySequence<byte> payload)
    {
        if (device is not DeviceSession { Connection.CertificateSerial: string current })
        {
            throw new UnauthorizedAccessException("Renewal over MQTT needs a connection signed in with the device's current certificate.");
        }

        byte[] request = CertificationRequests.FromText(Encoding.UTF8.GetString(payload));
        DeviceCertificate issued = await grains.GetGrain<IDeviceCertificatesGrain>(device.Device.ToString()).RenewAsync(request, current);
        CaInfo? ca = await grains.GetGrain<ITenantCaGrain>(device.Device.TenantId).GetAsync();
        return JsonSerializer.SerializeToUtf8Bytes(new Answer(issued.SerialNumber, issued.CertificatePem, ca?.ChainPem, issued.NotAfter, null), s_json);
    }

    /// <summary>The answer to a refused renewal, so the device learns why (an MQTT 3.1.1 PUBACK cannot say).</summary>
    public static byte[] Refusal(string reason) => JsonSerializer.SerializeToUtf8Bytes(new Answer(null, null, null, null, reason), s_json);

    private sealed record Answer(string? SerialNumber, string? Certificate, string? Chain, DateTimeOffset? NotAfter, string? Error);
}
