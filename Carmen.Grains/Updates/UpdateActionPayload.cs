using System.Text.Json;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Grains.Updates;

/// <summary>
/// The JSON pushed on v1/devices/me/ota/action: the DDI deployment in one message, with artifact paths relative to
/// Carmen's HTTP address (the same DDI download the device could poll for), or {"id":null} when nothing is left to do.
/// </summary>
public static class UpdateActionPayload
{
    public static byte[] Write(DeviceKey device, DeploymentOffer? offer)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (offer is null)
            {
                json.WriteNull("id");
            }
            else
            {
                WriteOffer(json, device, offer);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The DDI artifact path of a device (relative to Carmen's HTTP address).</summary>
    public static string DownloadPath(DeviceKey device, long moduleId, string fileName) =>
        $"/{device.TenantId}/controller/v1/{Uri.EscapeDataString(device.DeviceId)}/softwaremodules/{moduleId}/artifacts/{Uri.EscapeDataString(fileName)}";

    private static void WriteOffer(Utf8JsonWriter json, DeviceKey device, DeploymentOffer offer)
    {
        UpdateAction action = offer.Action;
        json.WriteNumber("id", action.Id);
        json.WriteString("status", action.Status switch
        {
            ActionStatus.Canceling => "cancel",
            ActionStatus.WaitingForConfirmation => "confirm",
            _ => "update",
        });
        json.WriteString("download", offer.Download);
        json.WriteString("update", offer.Update);
        if (offer.MaintenanceWindow is string window)
        {
            json.WriteString("maintenanceWindow", window);
        }

        json.WriteStartObject("distributionSet");
        json.WriteNumber("id", action.Deployment.DistributionSetId);
        json.WriteString("name", action.Deployment.Name);
        json.WriteString("version", action.Deployment.Version);
        json.WriteEndObject();
        json.WriteStartArray("chunks");
        foreach (DeploymentChunk chunk in action.Deployment.Chunks)
        {
            json.WriteStartObject();
            json.WriteString("part", chunk.Part);
            json.WriteString("name", chunk.Name);
            json.WriteString("version", chunk.Version);
            json.WriteStartArray("artifacts");
            foreach (ArtifactInfo artifact in chunk.Artifacts)
            {
                json.WriteStartObject();
                json.WriteString("filename", artifact.FileName);
                json.WriteNumber("size", artifact.Size);
                json.WriteString("sha256", artifact.Sha256);
                json.WriteString("download", DownloadPath(device, chunk.ModuleId, artifact.FileName));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
