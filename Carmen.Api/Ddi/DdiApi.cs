using System.Text.Json.Nodes;
using Carmen.Api.Contracts;
using Carmen.Api.Errors;
using Carmen.Api.Formats;
using Carmen.Api.Updates;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Api.Ddi;

/// <summary>
/// hawkBit's Direct Device Integration API under /{tenantId}/controller/v1/{controllerId}, so SWUpdate's suricatta,
/// rauc-hawkbit-updater and Eclipse Hara work against Carmen unchanged. Devices authenticate with DDI's own header
/// (<see cref="DdiAuthenticator"/>), not with operator tokens.
/// </summary>
public static class DdiApi
{
    private const string HalJson = "application/hal+json";

    public static WebApplication MapDdiApi(this WebApplication app)
    {
        RouteGroupBuilder controller = app.MapGroup("/{tenantId}/controller/v1/{controllerId}").AllowAnonymous().WithMetadata(new DdiAuthenticationMiddleware.Required()).WithTags("hawkBit DDI");
        controller.MapGet("/", RootAsync).WithSummary("What the controller should do next, and how long to sleep before asking again.");
        controller.MapGet("/deploymentBase/{actionId:long}", DeploymentAsync);
        controller.MapPost("/deploymentBase/{actionId:long}/feedback", DeploymentFeedbackAsync);
        controller.MapGet("/confirmationBase", ConfirmationStateAsync).WithSummary("The controller's auto-confirm state and the action waiting for its confirmation.");
        controller.MapPost("/confirmationBase/activateAutoConfirm", ActivateAutoConfirmAsync);
        controller.MapPost("/confirmationBase/deactivateAutoConfirm", (Delegate)DeactivateAutoConfirmAsync);
        controller.MapGet("/confirmationBase/{actionId:long}", ConfirmationAsync);
        controller.MapPost("/confirmationBase/{actionId:long}/feedback", ConfirmationFeedbackAsync);
        controller.MapGet("/cancelAction/{actionId:long}", CancelAsync);
        controller.MapPost("/cancelAction/{actionId:long}/feedback", CancelFeedbackAsync);
        controller.MapGet("/installedBase/{actionId:long}", InstalledAsync);
        controller.MapPut("/configData", ConfigDataAsync);
        controller.MapMethods("/softwaremodules/{moduleId:long}/artifacts/{fileName}", [HttpMethods.Get, HttpMethods.Head], DownloadAsync)
            .WithSummary("An artifact (range requests for resume), or its \".MD5SUM\" line; only artifacts of the controller's own actions.");
        return app;
    }

    public static async Task<IResult> RootAsync(string tenantId, string controllerId, HttpContext http, IGrainFactory grains)
    {
        IUpdatableDeviceGrain device = DdiAuthenticationMiddleware.Device(http);
        DeviceUpdateStatus status = await device.GetUpdateStatusAsync(http.RequestAborted);
        DdiSettings settings = await grains.GetGrain<IDdiSettingsGrain>(tenantId).GetAsync(http.RequestAborted);
        return Hal(DdiDocuments.Root(ControllerBase(http, tenantId, controllerId), settings, status));
    }

    public static async Task<IResult> DeploymentAsync(string tenantId, string controllerId, long actionId, int? actionHistory, HttpContext http)
    {
        IUpdatableDeviceGrain device = DdiAuthenticationMiddleware.Device(http);
        DeploymentOffer offer = await device.GetOfferAsync(actionId, http.RequestAborted);
        return Hal(DdiDocuments.Deployment(ControllerBase(http, tenantId, controllerId), offer, http.Request.IsHttps, actionHistory));
    }

    public static async Task<IResult> ConfirmationStateAsync(string tenantId, string controllerId, HttpContext http)
    {
        IUpdatableDeviceGrain device = DdiAuthenticationMiddleware.Device(http);
        DeviceUpdateStatus status = await device.GetUpdateStatusAsync(http.RequestAborted);
        return Hal(DdiDocuments.Confirmation(ControllerBase(http, tenantId, controllerId), status));
    }

    public static async Task<IResult> ConfirmationAsync(string tenantId, string controllerId, long actionId, int? actionHistory, HttpContext http)
    {
        IUpdatableDeviceGrain device = DdiAuthenticationMiddleware.Device(http);
        DeploymentOffer offer = await device.GetOfferAsync(actionId, http.RequestAborted);
        return offer.Action.Status == ActionStatus.WaitingForConfirmation
            ? Hal(DdiDocuments.Deployment(ControllerBase(http, tenantId, controllerId), offer, http.Request.IsHttps, actionHistory, member: "confirmation"))
            : TypedResults.Problem(CarmenExceptionHandler.Problem(StatusCodes.Status404NotFound, $"Action {actionId} is not waiting for confirmation.", null));
    }

    public static async Task<IResult> ConfirmationFeedbackAsync(long actionId, DdiConfirmationRequest body, HttpContext http, TimeProvider time)
    {
        IUpdatableDeviceGrain device = DdiAuthenticationMiddleware.Device(http);
        FeedbackExecution execution = body.Confirmation?.ToLowerInvariant() switch
        {
            "confirmed" => FeedbackExecution.Proceeding,
            "denied" => FeedbackExecution.Rejected,
            _ => throw CarmenException.Invalid("confirmation", "confirmation is confirmed or denied."),
        };
        IReadOnlyList<string> details = DdiFeedbackReader.Details(body.Details, body.Code, "details");
        var feedback = new ActionFeedback(time.GetUtcNow(), execution, FeedbackResult.None, details, ForConfirmation: true);
        FeedbackOutcome outcome = await device.ReportFeedbackAsync(actionId, feedback, http.RequestAborted);
        return outcome == FeedbackOutcome.Accepted
            ? TypedResults.Ok()
            : TypedResults.Problem(CarmenExceptionHandler.Problem(StatusCodes.Status410Gone, $"Action {actionId} is not waiting for confirmation.", null));
    }

    public static async Task<IResult> ActivateAutoConfirmAsync(DdiAutoConfirmRequest? body, HttpContext http, TimeProvider time)
    {
        string? initiator = Bounded(body?.Initiator, "initiator");
        string? remark = Bounded(body?.Remark, "remark");
        await DdiAuthenticationMiddleware.Device(http).SetAutoConfirmAsync(new AutoConfirmation(initiator, remark, time.GetUtcNow()), http.RequestAborted);
        return TypedResults.Ok();
    }

    public static async Task<IResult> DeactivateAutoConfirmAsync(HttpContext http)
    {
        await DdiAuthenticationMiddleware.Device(http).SetAutoConfirmAsync(null, http.RequestAborted);
        return TypedResults.Ok();
    }

    public static Task<IResult> DeploymentFeedbackAsync(long actionId, DdiFeedbackRequest feedback, HttpContext http, TimeProvider time) =>
        FeedbackAsync(actionId, feedback, forCancellation: false, http, time);

    public static async Task<IResult> CancelAsync(long actionId, HttpContext http)
    {
        IUpdatableDeviceGrain device = DdiAuthenticationMiddleware.Device(http);
        UpdateAction action = await device.GetActionAsync(actionId, http.RequestAborted);
        return action.Status == ActionStatus.Canceling || action.Status == ActionStatus.Canceled
            ? Hal(DdiDocuments.Cancel(action))
            : TypedResults.Problem(CarmenExceptionHandler.Problem(StatusCodes.Status404NotFound, $"Action {actionId} is not being canceled.", null));
    }

    public static Task<IResult> CancelFeedbackAsync(long actionId, DdiFeedbackRequest feedback, HttpContext http, TimeProvider time) =>
        FeedbackAsync(actionId, feedback, forCancellation: true, http, time);

    public static async Task<IResult> InstalledAsync(string tenantId, string controllerId, long actionId, HttpContext http)
    {
        IUpdatableDeviceGrain device = DdiAuthenticationMiddleware.Device(http);
        DeviceUpdateStatus status = await device.GetUpdateStatusAsync(http.RequestAborted);
        if (status.InstalledActionId != actionId)
        {
            return TypedResults.Problem(CarmenExceptionHandler.Problem(StatusCodes.Status404NotFound, $"Action {actionId} is not the one that installed the controller's software.", null));
        }

        DeploymentOffer offer = await device.GetOfferAsync(actionId, http.RequestAborted);
        return Hal(DdiDocuments.Deployment(ControllerBase(http, tenantId, controllerId), offer, http.Request.IsHttps, historyMessages: null));
    }

    public static async Task<IResult> ConfigDataAsync(DdiConfigDataRequest body, HttpContext http)
    {
        IUpdatableDeviceGrain device = DdiAuthenticationMiddleware.Device(http);
        ConfigDataMode mode = body.Mode?.ToLowerInvariant() switch
        {
            null or "merge" => ConfigDataMode.Merge,
            "replace" => ConfigDataMode.Replace,
            "remove" => ConfigDataMode.Remove,
            _ => throw CarmenException.Invalid("mode", "mode is merge, replace or remove."),
        };
        if (body.Data is null)
        {
            throw CarmenException.Invalid("data", "configData carries the attributes in \"data\": {\"key\":\"value\",...}.");
        }

        Dictionary<string, string> data = AttributeJson.ToTexts(body.Data);
        await device.PutConfigDataAsync(data, mode, http.RequestAborted);
        return TypedResults.Ok();
    }

    public static async Task<IResult> DownloadAsync(long moduleId, string fileName, HttpContext http, IArtifactStore store)
    {
        IUpdatableDeviceGrain device = DdiAuthenticationMiddleware.Device(http);
        if (await device.FindDownloadAsync(moduleId, fileName, http.RequestAborted) is ArtifactInfo artifact)
        {
            return ArtifactDownloads.Serve(artifact, store, moduleId, fileName);
        }

        const string md5Suffix = ".MD5SUM";
        return fileName.EndsWith(md5Suffix, StringComparison.Ordinal)
            && await device.FindDownloadAsync(moduleId, fileName[..^md5Suffix.Length], http.RequestAborted) is ArtifactInfo summed
            ? ArtifactDownloads.Md5Sum(summed)
            : ArtifactDownloads.Serve(null, store, moduleId, fileName);
    }

    private static async Task<IResult> FeedbackAsync(long actionId, DdiFeedbackRequest body, bool forCancellation, HttpContext http, TimeProvider time)
    {
        IUpdatableDeviceGrain device = DdiAuthenticationMiddleware.Device(http);
        ActionFeedback feedback = DdiFeedbackReader.Read(body, forCancellation, time.GetUtcNow());
        return await device.ReportFeedbackAsync(actionId, feedback, http.RequestAborted) switch
        {
            FeedbackOutcome.Accepted => TypedResults.Ok(),
            FeedbackOutcome outcome => TypedResults.Problem(CarmenExceptionHandler.Problem(
                outcome == FeedbackOutcome.NotCancelable ? StatusCodes.Status405MethodNotAllowed : StatusCodes.Status410Gone, FeedbackNames.Refusal(outcome, actionId), null)),
        };
    }

    private static string? Bounded(string? text, string field) =>
        text is { Length: > 256 } ? throw CarmenException.Invalid(field, $"{field} is at most 256 characters.") : text;

    private static string ControllerBase(HttpContext http, string tenantId, string controllerId) =>
        $"{http.Request.Scheme}://{http.Request.Host}{http.Request.PathBase}/{tenantId}/controller/v1/{Uri.EscapeDataString(controllerId)}";

    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult Hal(JsonObject document) => TypedResults.Text(document.ToJsonString(), HalJson);
}
