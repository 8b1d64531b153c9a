using System.Net;
using Carmen.Api.Access;
using Carmen.Api.Audit;
using Carmen.Api.Auth;
using Carmen.Api.Contracts;
using Carmen.Api.Errors;
using Carmen.Api.Formats;
using Carmen.Api.Hosting;
using Carmen.Api.Tenants;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Grains.Interfaces.Invitations;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Carmen.Api.Invitations;

/// <summary>
/// Invitations: an administrator of a scope invites an address to a role there (the link goes by mail, never in an
/// answer), lists them by status, resends and revokes; the invitee accepts through the link's page or, for clients
/// that do not use it, POST /api/v1/invitations/accept.
/// </summary>
public static class InvitationsApi
{
    private const int MaxLifetimeHours = 24 * 30;

    public static RouteGroupBuilder MapInvitationsApi(this RouteGroupBuilder tenant)
    {
        RouteGroupBuilder invitations = tenant.MapGroup("/invitations").WithTags("Access").RequirePermissionAnywhere(Permissions.AccessManage);
        invitations.MapPost("/", InviteAsync).WithSummary("Invites an email address to a role at a scope; the single-use link goes by mail through the tenant's (or platform's) SMTP server.");
        invitations.MapGet("/", ListAsync).WithSummary("Invitations at the scopes where the caller manages access, newest first; ?status=pending|accepted|expired|revoked.");
        invitations.MapGet("/{invitationId}", GetAsync);
        invitations.MapPost("/{invitationId}/resend", ResendAsync).WithSummary("Mails a new link with a fresh lifetime; the old link stops working.");
        invitations.MapPost("/{invitationId}/revoke", RevokeAsync);
        return tenant;
    }

    public static RouteGroupBuilder MapInvitationAcceptanceApi(this RouteGroupBuilder api)
    {
        api.MapPost("/invitations/accept", AcceptAsync).AllowAnonymous().WithTags("Access")
            .WithSummary("Accepts an invitation with its token and a new (or the existing) username and password; then sign in as usual.");
        return api;
    }

    public static async Task<Created<InvitationResponse>> InviteAsync([AsParameters] TenantScope scope, InvitationRequest request, IOptions<PublicUrlOptions> options)
    {
        AccessScope target = AccessScopeContract.Required(request.Scope);
        scope.Access.RequireSeen(target, scope.TenantId);

        TimeSpan? lifetime = request.ExpiresInHours switch
        {
            null => null,
            < 1 or > MaxLifetimeHours => throw CarmenException.Invalid("expiresInHours", $"expiresInHours is 1 to {MaxLifetimeHours}."),
            int hours => TimeSpan.FromHours(hours),
        };
        var draft = new InvitationDraft(
            request.Email ?? throw CarmenException.Invalid("email", "email is required."),
            request.Role ?? throw CarmenException.Invalid("role", "role is required."),
            target,
            request.Propagate ?? true,
            lifetime,
            options.Value.BaseUrlFor(scope.Http.Request));
        InvitationInfo invitation = await Invitations(scope).InviteAsync(draft, scope.Actor, scope.CancellationToken);
        return TypedResults.Created($"/api/v1/tenants/{scope.TenantId}/invitations/{invitation.Id}", InvitationResponse.From(invitation));
    }

    public static async Task<Ok<IReadOnlyList<InvitationResponse>>> ListAsync([AsParameters] TenantScope scope, string? status)
    {
        IReadOnlyList<InvitationInfo> invitations = await Invitations(scope).ListAsync(QueryEnums.Parse<InvitationStatus>(status, "status"), scope.CancellationToken);
        PermissionSet manage = Permissions.Of(Permissions.AccessManage);
        return TypedResults.Ok<IReadOnlyList<InvitationResponse>>(
            [.. invitations.Where(invitation => scope.Access.At(invitation.Scope).Contains(manage)).Select(InvitationResponse.From)]);
    }

    public static async Task<Ok<InvitationResponse>> GetAsync([AsParameters] TenantScope scope, string invitationId) =>
        TypedResults.Ok(InvitationResponse.From(await FindAsync(scope, invitationId)));

    public static async Task<Ok<InvitationResponse>> ResendAsync([AsParameters] TenantScope scope, string invitationId, IOptions<PublicUrlOptions> options)
    {
        await FindAsync(scope, invitationId);
        string baseUrl = options.Value.BaseUrlFor(scope.Http.Request);
        return TypedResults.Ok(InvitationResponse.From(await Invitations(scope).ResendAsync(invitationId, baseUrl, scope.Actor, scope.CancellationToken)));
    }

    public static async Task<Ok<InvitationResponse>> RevokeAsync([AsParameters] TenantScope scope, string invitationId)
    {
        await FindAsync(scope, invitationId);
        return TypedResults.Ok(InvitationResponse.From(await Invitations(scope).RevokeAsync(invitationId, scope.Actor, scope.CancellationToken)));
    }

    public static async Task<Results<Ok<AcceptedInvitationResponse>, ProblemHttpResult>> AcceptAsync(
        AcceptInvitationRequest request, IGrainFactory grains, SignInGuard guard, HttpContext http, CancellationToken cancellationToken)
    {
        IPAddress? address = ClientAddress.Normal(http.Connection.RemoteIpAddress);
        if (guard.RetryAfter(address) is TimeSpan wait)
        {
            return TypedResults.Problem(CarmenExceptionHandler.Problem(
                StatusCodes.Status429TooManyRequests, $"Too many failed attempts from this address; try again in {RetryAfter.Set(http.Response, wait)} s.", null));
        }

        string token = request.Token ?? throw CarmenException.Invalid("token", "token is required.");
        try
        {
            AcceptedInvitation accepted = await Accept(grains, token, request.Username, request.Password, address, cancellationToken);
            guard.RecordSuccess(address);
            AuditTrailMiddleware.Attribute(http, accepted.TenantId, new AuditActor(AuditActorKinds.User, accepted.Username));
            return TypedResults.Ok(AcceptedInvitationResponse.From(accepted));
        }
        catch (CarmenException refused) when (refused.Kind is ErrorKind.NotFound || refused.Field == "password")
        {
            guard.RecordFailure(address); // guessing tokens or an existing user's password counts as a failed sign-in
            throw;
        }
    }

    /// <summary>Accepts through the tenant the token names; a token that names none is simply not valid.</summary>
    public static Task<AcceptedInvitation> Accept(IGrainFactory grains, string token, string? username, string? password, IPAddress? address, CancellationToken cancellationToken) =>
        InvitationTokens.TenantOf(token) is string tenantId
            ? grains.GetGrain<IInvitationsGrain>(tenantId).AcceptAsync(
                token,
                username ?? throw CarmenException.Invalid("username", "username is required."),
                password ?? throw CarmenException.Invalid("password", "password is required."),
                address?.ToString(),
                cancellationToken)
            : throw CarmenException.NotFound("This invitation link is not valid.");

    private static IInvitationsGrain Invitations(TenantScope scope) => scope.Grain<IInvitationsGrain>(scope.TenantId);

    /// <summary>The invitation, when the caller manages access at its scope; not found otherwise.</summary>
    private static async Task<InvitationInfo> FindAsync(TenantScope scope, string invitationId)
    {
        InvitationInfo invitation = await Invitations(scope).GetAsync(invitationId, scope.CancellationToken);
        scope.Access.RequireAt(invitation.Scope, Permissions.AccessManage, $"Invitation '{invitationId}' does not exist.");
        return invitation;
    }
}
