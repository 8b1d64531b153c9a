using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Api.Ddi;

/// <summary>
/// The JSON bodies of hawkBit's DDI API, with links built from the request's own address. Artifacts get "download"
/// and "md5sum" links when asked over HTTPS and "download-http" and "md5sum-http" when asked over plain HTTP, as hawkBit
/// does.
/// </summary>
internal static class DdiDocuments
{
    public static JsonObject Root(string controllerBase, DdiSettings settings, DeviceUpdateStatus status)
    {
        var links = new JsonObject();
        if (status.ActiveOffer is DeploymentOffer offer)
        {
            UpdateAction active = offer.Action;
            if (active.Status == ActionStatus.Canceling)
            {
                links["cancelAction"] = Link($"{controllerBase}/cancelAction/{active.Id}");
            }
            else if (active.Status == ActionStatus.WaitingForConfirmation)
            {
                links["confirmationBase"] = Link($"{controllerBase}/confirmationBase/{active.Id}?c={ChangeHash(offer)}");
            }
            else
            {
                links["deploymentBase"] = Link($"{controllerBase}/deploymentBase/{active.Id}?c={ChangeHash(offer)}");
            }
        }

        if (status.InstalledActionId is long installed)
        {
            links["installedBase"] = Link($"{controllerBase}/installedBase/{installed}");
        }

        if (status.ConfigDataWanted)
        {
            links["configData"] = Link($"{controllerBase}/configData");
        }

        var root = new JsonObject
        {
            ["config"] = new JsonObject { ["polling"] = new JsonObject { ["sleep"] = Sleep(settings.PollingSleep) } },
        };
        if (links.Count > 0)
        {
            root["_links"] = links;
        }

        return root;
    }

    /// <summary>The deployment an action offers, under "deployment" (deploymentBase) or "confirmation" (confirmationBase, before the device confirms).</summary>
    public static JsonObject Deployment(string controllerBase, DeploymentOffer offer, bool https, int? historyMessages, string member = "deployment")
    {
        UpdateAction action = offer.Action;
        var deployment = new JsonObject { ["download"] = offer.Download, ["update"] = offer.Update };
        if (offer.MaintenanceWindow is string window)
        {
            deployment["maintenanceWindow"] = window;
        }

        deployment["chunks"] = new JsonArray([.. action.Deployment.Chunks.Select(chunk => (JsonNode)Chunk(controllerBase, chunk, https))]);
        var document = new JsonObject { ["id"] = action.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), [member] = deployment };
        if (historyMessages is int count)
        {
            document["actionHistory"] = History(action, count);
        }

        return document;
    }

    /// <summary>The device's auto-confirm state, with the link that switches it and the action waiting for confirmation, if any.</summary>
    public static JsonObject Confirmation(string controllerBase, DeviceUpdateStatus status)
    {
        var autoConfirm = new JsonObject { ["active"] = status.AutoConfirm is not null };
        if (status.AutoConfirm is AutoConfirmation active)
        {
            autoConfirm["initiator"] = active.Initiator;
            autoConfirm["remark"] = active.Remark;
            autoConfirm["activatedAt"] = active.ActivatedAt.ToUnixTimeMilliseconds();
        }

        var links = new JsonObject();
        if (status.ActiveOffer is { Action.Status: ActionStatus.WaitingForConfirmation } waiting)
        {
            links["confirmationBase"] = Link($"{controllerBase}/confirmationBase/{waiting.Action.Id}?c={ChangeHash(waiting)}");
        }

        string toggle = status.AutoConfirm is null ? "activateAutoConfirm" : "deactivateAutoConfirm";
        links[toggle] = Link($"{controllerBase}/confirmationBase/{toggle}");
        return new JsonObject { ["autoConfirm"] = autoConfirm, ["_links"] = links };
    }

    public static JsonObject Cancel(UpdateAction action)
    {
        string id = action.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new JsonObject { ["id"] = id, ["cancelAction"] = new JsonObject { ["stopId"] = id } };
    }

    /// <summary>
    /// Changes whenever the offer does, so a client that caches the deployment knows to fetch it again: when the action
    /// changes, and also when its maintenance window opens or closes or a time-forced action becomes forced.
    /// </summary>
    public static string ChangeHash(DeploymentOffer offer)
    {
        UpdateAction action = offer.Action;
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{action.Id}:{action.Revision}:{action.Status}:{offer.Update}:{offer.MaintenanceWindow}"));
        return BitConverter.ToInt32(hash, 0).ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static JsonObject Chunk(string controllerBase, DeploymentChunk chunk, bool https)
    {
        var node = new JsonObject { ["part"] = chunk.Part, ["version"] = chunk.Version, ["name"] = chunk.Name };
        if (chunk.Metadata.Count > 0)
        {
            node["metadata"] = new JsonArray([.. chunk.Metadata.Select(entry => (JsonNode)new JsonObject { ["key"] = entry.Key, ["value"] = entry.Value })]);
        }

        node["artifacts"] = new JsonArray([.. chunk.Artifacts.Select(artifact => (JsonNode)Artifact(controllerBase, chunk.ModuleId, artifact, https))]);
        return node;
    }

    private static JsonObject Artifact(string controllerBase, long moduleId, ArtifactInfo artifact, bool https)
    {
        string href = $"{controllerBase}/softwaremodules/{moduleId}/artifacts/{Uri.EscapeDataString(artifact.FileName)}";
        string suffix = https ? "" : "-http";
        return new JsonObject
        {
            ["filename"] = artifact.FileName,
            ["hashes"] = new JsonObject { ["sha1"] = artifact.Sha1, ["md5"] = artifact.Md5, ["sha256"] = artifact.Sha256 },
            ["size"] = artifact.Size,
            ["_links"] = new JsonObject { [$"download{suffix}"] = Link(href), [$"md5sum{suffix}"] = Link(href + ".MD5SUM") },
        };
    }

    private static JsonObject History(UpdateAction action, int count)
    {
        IEnumerable<ActionFeedback> recent = count < 0 ? action.Feedback : action.Feedback.TakeLast(count);
        return new JsonObject
        {
            ["status"] = action.Status.ToString().ToUpperInvariant(),
            ["messages"] = new JsonArray([.. recent.SelectMany(feedback => feedback.Details.DefaultIfEmpty($"{feedback.Execution}: {feedback.Result}")).Select(line => (JsonNode)line!)]),
        };
    }

    private static JsonObject Link(string href) => new() { ["href"] = href };

    private static string Sleep(TimeSpan sleep) => sleep.ToString(@"hh\:mm\:ss", System.Globalization.CultureInfo.InvariantCulture);
}
