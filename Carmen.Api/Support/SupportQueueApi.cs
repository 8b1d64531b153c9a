using Carmen.Api.Auth;
using Carmen.Api.Contracts;
using Carmen.Api.Formats;
using Carmen.Grains.Interfaces.Platform;
using Carmen.Grains.Interfaces.Support;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Carmen.Api.Support;

/// <summary>The support side's queue: tickets across tenants, for platform administrators (support agents with territories are to come).</summary>
public static class SupportQueueApi
{
    public static IEndpointRouteBuilder MapSupportQueueApi(this IEndpointRouteBuilder api)
    {
        RouteGroupBuilder support = api.MapGroup("/support").WithTags("Support").RequireAuthorization(CarmenPolicies.PlatformAdmin);
        support.MapGet("/tickets", ListAsync)
            .WithSummary("Tickets of every tenant (or ?tenantId=), most recently changed first (?status=).");
        return api;
    }

    public static async Task<Ok<List<TicketSummaryResponse>>> ListAsync(IGrainFactory grains, string? status, string? tenantId, CancellationToken cancellationToken)
    {
        TicketStatus? only = QueryEnums.Parse<TicketStatus>(status, "status");
        IReadOnlyList<string> tenants = tenantId is null
            ? await grains.GetGrain<IPlatformGrain>(IPlatformGrain.Key).GetTenantIdsAsync(cancellationToken)
            : [tenantId];
        IReadOnlyList<TicketSummary>[] lists = await Task.WhenAll(tenants.Select(tenant => grains.GetGrain<ITicketDirectoryGrain>(tenant).ListAsync(only, cancellationToken)));
        return TypedResults.Ok(lists.SelectMany(list => list)
            .OrderByDescending(ticket => ticket.UpdatedAt).ThenBy(ticket => ticket.TenantId, StringComparer.Ordinal).ThenByDescending(ticket => ticket.Id)
            .Select(TicketSummaryResponse.From).ToList());
    }
}
