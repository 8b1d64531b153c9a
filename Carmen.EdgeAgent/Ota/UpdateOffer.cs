using System.Text.Json;

namespace Carmen.EdgeAgent.Ota;

/// <summary>
/// An action Carmen pushes on <c>v1/devices/me/ota/action</c>: hawkBit's deployment in one message. <c>update</c> is
/// <c>forced</c>, <c>attempt</c> (soft: the device may choose when) or <c>skip</c> (download only, or outside the
/// maintenance window, which <c>maintenanceWindow</c> then says). The distribution set's id is unknown for an action
/// polled over DDI (<see cref="DdiOffers"/>).
/// </summary>
public sealed record UpdateOffer(
    long ActionId, OfferKind Kind, string Update, string? MaintenanceWindow,
    long? DistributionSetId, string Name, string Version, IReadOnlyList<OfferedArtifact> Artifacts)
{
    /// <summary>hawkBit's download-only action: fetch and verify, never install.</summary>
    public bool IsDownloadOnly => Update == "skip" && MaintenanceWindow is null;

    public bool WaitsForWindow => Update == "skip" && MaintenanceWindow is not null;

    public bool IsSoft => Update == "attempt";

    /// <summary>Carmen asks the device to stop the action: only the id matters.</summary>
    public static UpdateOffer Cancellation(long actionId) => new(actionId, OfferKind.Cancel, "skip", null, null, "", "", []);

    /// <summary>The offer in a message, or null for <c>{"id":null}</c> (nothing left to do); malformed ones throw <see cref="FormatException"/>.</summary>
    public static UpdateOffer? Read(ReadOnlyMemory<byte> payload)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(payload);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("id", out JsonElement id))
            {
                throw new FormatException("An OTA action is a JSON object with an \"id\".");
            }

            if (id.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            OfferKind kind = Text(root, "status") switch
            {
                "update" => OfferKind.Update,
                "cancel" => OfferKind.Cancel,
                "confirm" => OfferKind.Confirm,
                var other => throw new FormatException($"Unknown OTA action status '{other}'."),
            };
            JsonElement set = Member(root, "distributionSet", JsonValueKind.Object);
            List<OfferedArtifact> artifacts = [];
            foreach (JsonElement chunk in Member(root, "chunks", JsonValueKind.Array).EnumerateArray())
            {
                foreach (JsonElement artifact in Member(chunk, "artifacts", JsonValueKind.Array).EnumerateArray())
                {
                    artifacts.Add(new OfferedArtifact(
                        Text(chunk, "part"), Text(chunk, "version"), SafeFileName(Text(artifact, "filename")),
                        Member(artifact, "size", JsonValueKind.Number).GetInt64(), Text(artifact, "sha256").ToLowerInvariant(), Text(artifact, "download")));
                }
            }

            return new UpdateOffer(id.GetInt64(), kind, Text(root, "update"), root.TryGetProperty("maintenanceWindow", out JsonElement window) ? window.GetString() : null,
                Member(set, "id", JsonValueKind.Number).GetInt64(), Text(set, "name"), Text(set, "version"), artifacts);
        }
        catch (Exception invalid) when (invalid is JsonException or InvalidOperationException)
        {
            throw new FormatException($"The OTA action is not valid: {invalid.Message}", invalid);
        }
    }

    internal static JsonElement Member(JsonElement parent, string name, JsonValueKind kind) =>
        parent.TryGetProperty(name, out JsonElement value) && value.ValueKind == kind
            ? value
            : throw new FormatException($"The OTA action lacks \"{name}\" ({kind.ToString().ToLowerInvariant()}).");

    internal static string Text(JsonElement parent, string name) => Member(parent, name, JsonValueKind.String).GetString()!;

    /// <summary>The name is used on the device's disk only in messages, but a path in it is refused all the same.</summary>
    internal static string SafeFileName(string name) =>
        name.Length > 0 && name.IndexOfAny(['/', '\0']) < 0 && name is not "." and not ".." ? name : throw new FormatException($"Artifact file name '{name}' is not a plain file name.");
}
