using System.Globalization;
using System.Text.Json;
using static Carmen.EdgeAgent.Ota.UpdateOffer;

namespace Carmen.EdgeAgent.Ota;

/// <summary>
/// DDI's deployment documents as <see cref="UpdateOffer"/>s. DDI names software modules (chunks), not the distribution
/// set: the offer is called by its modules' names, and its version is the OS module's (else the first module's), which
/// is what the installer gets and what the device must run after a reboot.
/// </summary>
public static class DdiOffers
{
    /// <summary>
    /// <c>{"id","deployment"|"confirmation":{"download","update","maintenanceWindow"?,"chunks":[{"part","version","name",
    /// "artifacts":[{"filename","hashes":{"sha256"},"size","_links":{"download"|"download-http":{"href"}}}]}]}}</c>;
    /// malformed ones throw <see cref="FormatException"/>.
    /// </summary>
    public static UpdateOffer Read(JsonElement document, OfferKind kind)
    {
        try
        {
            long actionId = long.Parse(Text(document, "id"), NumberStyles.None, CultureInfo.InvariantCulture);
            JsonElement deployment = Member(document, kind == OfferKind.Confirm ? "confirmation" : "deployment", JsonValueKind.Object);
            List<JsonElement> chunks = [.. Member(deployment, "chunks", JsonValueKind.Array).EnumerateArray()];
            if (chunks.Count == 0)
            {
                throw new FormatException($"Action {actionId} offers no software modules.");
            }

            List<OfferedArtifact> artifacts = [];
            foreach (JsonElement chunk in chunks)
            {
                foreach (JsonElement artifact in Member(chunk, "artifacts", JsonValueKind.Array).EnumerateArray())
                {
                    artifacts.Add(new OfferedArtifact(
                        Text(chunk, "part"), Text(chunk, "version"), SafeFileName(Text(artifact, "filename")), Member(artifact, "size", JsonValueKind.Number).GetInt64(),
                        Text(Member(artifact, "hashes", JsonValueKind.Object), "sha256").ToLowerInvariant(), DdiClient.Local(DownloadLink(artifact))));
                }
            }

            JsonElement main = chunks.FirstOrDefault(chunk => Text(chunk, "part") == "os", chunks[0]);
            string name = string.Join(" + ", chunks.Select(chunk => Text(chunk, "name")).Distinct());
            string? window = deployment.TryGetProperty("maintenanceWindow", out JsonElement given) ? given.GetString() : null;
            return new UpdateOffer(actionId, kind, Text(deployment, "update"), window, null, name, Text(main, "version"), artifacts);
        }
        catch (Exception invalid) when (invalid is JsonException or InvalidOperationException or OverflowException)
        {
            throw new FormatException($"The DDI deployment is not valid: {invalid.Message}", invalid);
        }
    }

    /// <summary><c>{"id","cancelAction":{"stopId"}}</c>: the action to stop.</summary>
    public static UpdateOffer ReadCancel(JsonElement document) =>
        Cancellation(long.TryParse(Text(Member(document, "cancelAction", JsonValueKind.Object), "stopId"), NumberStyles.None, CultureInfo.InvariantCulture, out long stopId)
            ? stopId
            : throw new FormatException("cancelAction.stopId is not an action id."));

    /// <summary>hawkBit links an artifact as "download" over HTTPS and "download-http" over plain HTTP.</summary>
    private static string DownloadLink(JsonElement artifact)
    {
        JsonElement links = Member(artifact, "_links", JsonValueKind.Object);
        JsonElement link = links.TryGetProperty("download", out JsonElement https) ? https : Member(links, "download-http", JsonValueKind.Object);
        return Text(link, "href");
    }
}
