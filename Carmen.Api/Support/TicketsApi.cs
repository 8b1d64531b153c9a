using Carmen.Api.Access;
using Carmen.Api.Audit;
using Carmen.Api.Contracts;
using Carmen.Api.Devices;
using Carmen.Api.Formats;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Grains.Interfaces.Connectivity;
using Carmen.Grains.Interfaces.Devices;
using Carmen.Grains.Interfaces.Support;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Support;

/// <summary>
/// A tenant's support tickets. Its users open them, reply and mark them solved; the support side (platform
/// administrators, until support agents have a role of their own) answers, writes internal notes and moves them
/// through their lifecycle on the same routes. A caller sees a ticket it opened, or one about devices it reads
/// tickets for (a ticket about no device: tickets read tenant-wide); internal notes only reach the support side.
/// </summary>
public static class TicketsApi
{
    public static RouteGroupBuilder MapTicketsApi(this RouteGroupBuilder tenant)
    {
        RouteGroupBuilder tickets = tenant.MapGroup("/tickets").WithTags("Support");
        tickets.MapPost("/", OpenAsync).RequirePermissionAnywhere(Permissions.TicketsWrite)
            .WithSummary("Opens a ticket (status new); linked devices are kept with a snapshot of their state and latest telemetry.");
        tickets.MapGet("/", ListAsync).RequirePermissionAnywhere(Permissions.TicketsRead)
            .WithSummary("The tickets the caller sees, most recently changed first (?status=new|open|pending|onHold|solved|closed).");
        tickets.MapGet("/{ticketId:long}", GetAsync).RequirePermissionAnywhere(Permissions.TicketsRead);
        tickets.MapPost("/{ticketId:long}/replies", ReplyAsync).RequirePermissionAnywhere(Permissions.TicketsWrite)
            .WithSummary("Adds a reply; internal notes are the support side's. A requester's reply opens a pending or recently solved ticket again.");
        tickets.MapPost("/{ticketId:long}/status", SetStatusAsync).RequirePermissionAnywhere(Permissions.TicketsWrite)
            .WithSummary("Moves the ticket: the support side to open, pending, onHold, solved or closed; the requester's side to solved.");
        return tenant;
    }

    public static async Task<Created<TicketResponse>> OpenAsync([AsParameters] TenantScope scope, CreateTicketRequest request)
    {
        string subject = Text(request.Subject, "subject", TicketDraft.MaxSubjectLength);
        string description = Text(request.Description, "description", TicketDraft.MaxBodyLength);
        string? category = request.Category is null ? null : Text(request.Category, "category", TicketDraft.MaxCategoryLength);
        IReadOnlyList<TicketDevice> devices = await SnapshotsAsync(scope, request.DeviceIds ?? []);
        var draft = new TicketDraft(subject, description, request.Priority ?? TicketPriority.Normal, category, AuditEntries.Actor(scope.Http), devices);
        long id = await scope.Grain<ITicketDirectoryGrain>(scope.TenantId).ReserveAsync(scope.CancellationToken);
        TicketInfo opened = await Ticket(scope, id).OpenAsync(draft, scope.CancellationToken);
        return TypedResults.Created($"/api/v1/tenants/{scope.TenantId}/tickets/{id}", await RespondAsync(scope, opened));
    }

    public static async Task<Ok<List<TicketSummaryResponse>>> ListAsync([AsParameters] TenantScope scope, string? status)
    {
        TicketStatus? only = QueryEnums.Parse<TicketStatus>(status, "status");
        IReadOnlyList<TicketSummary> tickets = await scope.Grain<ITicketDirectoryGrain>(scope.TenantId).ListAsync(only, scope.CancellationToken);
        AuditActor caller = AuditEntries.Actor(scope.Http);
        return TypedResults.Ok(tickets.Where(ticket => Sees(scope, caller, ticket.Requester, ticket.ClusterIds)).Select(TicketSummaryResponse.From).ToList());
    }

    public static async Task<Ok<TicketResponse>> GetAsync([AsParameters] TenantScope scope, long ticketId) =>
        TypedResults.Ok(await RespondAsync(scope, await RequireVisibleAsync(scope, ticketId)));

    public static async Task<Ok<TicketResponse>> ReplyAsync([AsParameters] TenantScope scope, long ticketId, TicketReplyRequest request)
    {
        string body = Text(request.Body, "body", TicketDraft.MaxBodyLength);
        bool isInternal = request.Internal ?? false;
        if (isInternal && !IsAgent(scope))
        {
            throw CarmenException.Invalid("internal", "Internal notes are the support side's; replies from the tenant are public.");
        }

        await RequireWritableAsync(scope, ticketId);
        TicketInfo replied = await Ticket(scope, ticketId).ReplyAsync(AuditEntries.Actor(scope.Http), IsAgent(scope), body, isInternal, scope.CancellationToken);
        return TypedResults.Ok(await RespondAsync(scope, replied));
    }

    public static async Task<Ok<TicketResponse>> SetStatusAsync([AsParameters] TenantScope scope, long ticketId, TicketStatusRequest request)
    {
        TicketStatus status = request.Status ?? throw CarmenException.Invalid("status", "Name the status: open, pending, onHold, solved or closed.");
        await RequireWritableAsync(scope, ticketId);
        return TypedResults.Ok(await RespondAsync(scope, await Ticket(scope, ticketId).SetStatusAsync(status, IsAgent(scope), scope.CancellationToken)));
    }

    /// <summary>The support side: platform administrators, who pass every tenant's gate.</summary>
    private static bool IsAgent(TenantScope scope) => scope.Access.IsPlatformAdmin;

    private static async Task<TicketResponse> RespondAsync(TenantScope scope, TicketInfo ticket) =>
        TicketResponse.From(ticket, await Ticket(scope, ticket.Id).GetSlaAsync(scope.CancellationToken), withInternalNotes: IsAgent(scope));

    /// <summary>Each linked device as it is now; one the caller cannot read is as unknown as one that does not exist.</summary>
    private static async Task<IReadOnlyList<TicketDevice>> SnapshotsAsync(TenantScope scope, IReadOnlyList<string> deviceIds)
    {
        if (deviceIds.Count > TicketDraft.MaxDevices)
        {
            throw CarmenException.Invalid("deviceIds", $"A ticket links at most {TicketDraft.MaxDevices} devices.");
        }

        var devices = new List<TicketDevice>(deviceIds.Count);
        for (int i = 0; i < deviceIds.Count; i++)
        {
            string deviceId = deviceIds[i];
            string field = $"deviceIds[{i}]";
            if (devices.Exists(device => device.DeviceId == deviceId))
            {
                throw CarmenException.Invalid(field, $"Device '{deviceId}' is listed twice.");
            }

            DeviceInfo device = await FindReadableAsync(scope, deviceId)
                ?? throw CarmenException.Invalid(field, $"Device '{deviceId}' does not exist.");
            IReadOnlyDictionary<string, TimestampedValue> latest = await DevicesApi.Device<IConnectedDeviceGrain>(scope, deviceId).GetLatestTelemetryAsync(null, scope.CancellationToken);
            devices.Add(new TicketDevice(device.Id, device.Name, device.ClusterId, device.Type, device.Status, device.FirmwareVersion, device.LastSeenAt, latest));
        }

        return devices;
    }

    /// <summary>The device when the caller reads it; a malformed id is not found by <see cref="DevicesApi.Device"/> either.</summary>
    private static async Task<DeviceInfo?> FindReadableAsync(TenantScope scope, string deviceId)
    {
        try
        {
            DeviceInfo device = await DevicesApi.Device(scope, deviceId).GetAsync(scope.CancellationToken);
            return scope.Access.OnDeviceIn(device.ClusterId, Permissions.Of(Permissions.DevicesRead)) ? device : null;
        }
        catch (CarmenException missing) when (missing.Kind == ErrorKind.NotFound)
        {
            return null;
        }
    }

    private static async Task<TicketInfo> RequireVisibleAsync(TenantScope scope, long ticketId) =>
        await Ticket(scope, ticketId).FindAsync(scope.CancellationToken) is TicketInfo ticket
            && Sees(scope, AuditEntries.Actor(scope.Http), ticket.Requester, ticket.ClusterIds)
            ? ticket
            : throw CarmenException.NotFound($"Tenant '{scope.TenantId}' has no ticket {ticketId}.");

    /// <summary>The requester may always write on its ticket; anyone else needs tickets.write over the ticket's devices.</summary>
    private static async Task RequireWritableAsync(TenantScope scope, long ticketId)
    {
        TicketInfo ticket = await RequireVisibleAsync(scope, ticketId);
        if (!IsRequester(AuditEntries.Actor(scope.Http), ticket.Requester) && !scope.Access.Covers(Clusters(ticket.ClusterIds), Permissions.TicketsWrite))
        {
            throw CallerAccess.Refusal(Permissions.TicketsWrite, ticket.ClusterIds.Count > 0 ? $"cluster(s) {string.Join(", ", ticket.ClusterIds)}" : "the whole tenant");
        }
    }

    private static bool Sees(TenantScope scope, AuditActor caller, AuditActor requester, IReadOnlyList<string> clusterIds) =>
        IsRequester(caller, requester) || scope.Access.Covers(Clusters(clusterIds), Permissions.TicketsRead);

    private static bool IsRequester(AuditActor caller, AuditActor requester) =>
        caller.Kind == requester.Kind && string.Equals(caller.Name, requester.Name, StringComparison.Ordinal);

    /// <summary>A ticket about no device is the tenant's as a whole.</summary>
    private static IReadOnlyCollection<string>? Clusters(IReadOnlyList<string> clusterIds) => clusterIds.Count > 0 ? [.. clusterIds] : null;

    private static string Text(string? value, string field, int maxLength) =>
        string.IsNullOrWhiteSpace(value) ? throw CarmenException.Invalid(field, $"The {field} is required.")
        : value.Length > maxLength ? throw CarmenException.Invalid(field, $"The {field} is at most {maxLength} characters.")
        : value.Trim();

    private static ITicketGrain Ticket(TenantScope scope, long ticketId) => scope.Grain<ITicketGrain>(TicketKeys.Of(scope.TenantId, ticketId));
}
