using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Grains.Devices;

/// <summary>Checks a device draft and fills in what may be left out: a generated id, the id as name.</summary>
public static class DeviceDraftValidator
{
    public const int MaxNameLength = 200;
    public const int MaxShortTextLength = 64;
    public const int MaxLabels = 32;

    /// <summary>The draft made complete, or a <see cref="CarmenException"/> naming the first field at fault.</summary>
    public static DeviceDraft Normalize(DeviceDraft draft)
    {
        if (draft.GatewayId is not null)
        {
            return NormalizeChild(draft);
        }

        string id = draft.Id is null ? Guid.CreateVersion7().ToString("N") : Identifiers.RequireDeviceId(draft.Id, "id");
        string name = string.IsNullOrWhiteSpace(draft.Name) ? id : draft.Name.Trim();
        if (name.Length > MaxNameLength)
        {
            throw CarmenException.Invalid("name", $"A name is at most {MaxNameLength} characters.");
        }

        if (string.IsNullOrWhiteSpace(draft.ClusterId))
        {
            throw CarmenException.Invalid("clusterId", "A device belongs to a cluster: clusterId is required.");
        }

        return draft with
        {
            Id = id,
            Name = name,
            ClusterId = Identifiers.RequireSlug(draft.ClusterId.Trim(), "clusterId"),
            Type = ShortText(draft.Type, "type"),
            Labels = NormalizeLabels(draft.Labels),
            FirmwareVersion = ShortText(draft.FirmwareVersion, "firmwareVersion"),
            AccessToken = draft.AccessToken is null ? null : AccessTokens.RequireValid(draft.AccessToken, "accessToken"),
        };
    }

    /// <summary>A gateway's child: named (its gateway finds it by name), and keyed by the id its name gives (<see cref="DeviceNames"/>).</summary>
    private static DeviceDraft NormalizeChild(DeviceDraft draft)
    {
        Identifiers.RequireDeviceId(draft.GatewayId, "gatewayId");
        string name = draft.Name?.Trim() ?? "";
        if (!DeviceNames.IsValidName(name))
        {
            throw CarmenException.Invalid("name", $"A gateway's child is named as its gateway names it: 1 to {DeviceNames.MaxNameLength} characters without control characters.");
        }

        string id = DeviceNames.IdOf(name);
        if (draft.Id is not null && draft.Id != id)
        {
            throw CarmenException.Invalid("id", $"A gateway finds its child by name: the child named '{name}' has the id '{id}'; leave the id out.");
        }

        return Normalize(draft with { Id = id, Name = name, GatewayId = null }) with { GatewayId = draft.GatewayId };
    }

    public static IReadOnlyList<string> NormalizeLabels(IReadOnlyList<string>? labels)
    {
        if (labels is null || labels.Count == 0)
        {
            return [];
        }

        if (labels.Count > MaxLabels)
        {
            throw CarmenException.Invalid("labels", $"A device has at most {MaxLabels} labels.");
        }

        var normalized = new SortedSet<string>(StringComparer.Ordinal);
        foreach (string label in labels)
        {
            string trimmed = label?.Trim() ?? "";
            if (trimmed.Length is 0 or > MaxShortTextLength)
            {
                throw CarmenException.Invalid("labels", $"A label is 1 to {MaxShortTextLength} characters.");
            }

            normalized.Add(trimmed);
        }

        return [.. normalized];
    }

    public static string? ShortText(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        string trimmed = value.Trim();
        return trimmed.Length <= MaxShortTextLength
            ? trimmed
            : throw CarmenException.Invalid(field, $"{field} is at most {MaxShortTextLength} characters.");
    }
}
