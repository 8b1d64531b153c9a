using System.Net;
using System.Text.Json;
using Carmen.Api.Auth;
using Carmen.Api.Errors;
using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Audit;
using Carmen.Grains.Interfaces.Invitations;
using Carmen.Grains.Interfaces.Sso;

namespace Carmen.Api.Invitations;

/// <summary>
/// The page an invitation's link opens: GET shows whose invitation it is and a form; the form posts back to the same
/// address. No session, no cookie, no script: the token in the address is the only credential, so there is no
/// cross-site request to forge. Whatever goes wrong is a clear page, never a stack trace.
/// </summary>
public static class InvitationPages
{
    public static WebApplication MapInvitationPages(this WebApplication app)
    {
        RouteGroupBuilder pages = app.MapGroup("/invitations").AllowAnonymous().ExcludeFromDescription();
        pages.MapGet("/{token}", ShowAsync).Produces(StatusCodes.Status200OK, contentType: "text/html");
        pages.MapPost("/{token}", SubmitAsync).DisableAntiforgery().Produces(StatusCodes.Status200OK, contentType: "text/html");
        return app;
    }

    /// <summary>
    /// The page is no /api/v1 route, which the audit middleware records: the acceptance goes into the inviting tenant's
    /// trail here, as the same act through the API would (the user who accepted, and what they were given).
    /// </summary>
    private static async Task RecordAcceptedAsync(IGrainFactory grains, AcceptedInvitation accepted, HttpContext http)
    {
        var entry = new AuditEntry(AuditSources.Api, new AuditActor(AuditActorKinds.User, accepted.Username), "POST /invitations/accept", "users", accepted.Username,
            "tenant", StatusCodes.Status200OK,
            [
                new AuditChange("username", null, JsonSerializer.Serialize(accepted.Username)),
                new AuditChange("roleId", null, JsonSerializer.Serialize(accepted.RoleId)),
                new AuditChange("scope", null, JsonSerializer.Serialize(accepted.Scope, JsonSerializerOptions.Web)),
                new AuditChange("newUser", null, accepted.NewUser ? "true" : "false"),
            ],
            http.TraceIdentifier, ClientAddress.Normal(http.Connection.RemoteIpAddress)?.ToString(),
            http.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent[..Math.Min(agent.Length, 512)] : null);
        try
        {
            await grains.GetGrain<IAuditTrailGrain>(accepted.TenantId).AppendAsync(entry, CancellationToken.None);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            Audit.AuditMetrics.Unrecorded.Add(1); // accepted all the same: the trail's own health check reports it failing
        }
    }

    public static async Task<IResult> ShowAsync(string token, IGrainFactory grains, CancellationToken cancellationToken)
    {
        try
        {
            InvitationPreview invitation = await PreviewAsync(grains, token, cancellationToken);
            return invitation.Status == InvitationStatus.Pending
                ? InvitationPage.Form(invitation, token, await ProvidersAsync(grains, invitation.TenantId, cancellationToken))
                : InvitationPage.Unusable(invitation.Status);
        }
        catch (CarmenException missing) when (missing.Kind == ErrorKind.NotFound)
        {
            return InvitationPage.NotValid();
        }
    }

    public static async Task<IResult> SubmitAsync(string token, HttpRequest request, IGrainFactory grains, SignInGuard guard, CancellationToken cancellationToken)
    {
        IPAddress? address = ClientAddress.Normal(request.HttpContext.Connection.RemoteIpAddress);
        if (guard.RetryAfter(address) is TimeSpan wait)
        {
            return InvitationPage.TooManyAttempts(RetryAfter.Set(request.HttpContext.Response, wait));
        }

        InvitationPreview invitation;
        try
        {
            invitation = await PreviewAsync(grains, token, cancellationToken);
        }
        catch (CarmenException missing) when (missing.Kind == ErrorKind.NotFound)
        {
            guard.RecordFailure(address);
            return InvitationPage.NotValid();
        }

        if (invitation.Status != InvitationStatus.Pending)
        {
            return InvitationPage.Unusable(invitation.Status);
        }

        IFormCollection form = request.HasFormContentType ? await request.ReadFormAsync(cancellationToken) : FormCollection.Empty;
        string username = form["username"].ToString().Trim();
        string password = form["password"].ToString();
        if (password != form["confirm"].ToString())
        {
            return InvitationPage.Form(
                invitation, token, await ProvidersAsync(grains, invitation.TenantId, cancellationToken), "The two passwords differ.", username, StatusCodes.Status400BadRequest);
        }

        try
        {
            AcceptedInvitation accepted = await InvitationsApi.Accept(grains, token, username, password, address, cancellationToken);
            guard.RecordSuccess(address);
            await RecordAcceptedAsync(grains, accepted, request.HttpContext);
            return InvitationPage.Accepted(accepted, invitation.TenantName);
        }
        catch (CarmenException refused) when (refused.Kind == ErrorKind.Validation)
        {
            if (refused.Field == "password")
            {
                guard.RecordFailure(address);
            }

            return InvitationPage.Form(
                invitation, token, await ProvidersAsync(grains, invitation.TenantId, cancellationToken), refused.Message, username, StatusCodes.Status400BadRequest);
        }
        catch (CarmenException refused) when (refused.Kind is ErrorKind.Conflict or ErrorKind.Forbidden)
        {
            return InvitationPage.Refused(refused.Message); // used meanwhile, the user limit, or the inviter lost the right to give it
        }
    }

    /// <summary>The tenant's identity providers, which the page offers to accept with instead of a password.</summary>
    private static async Task<IReadOnlyList<string>> ProvidersAsync(IGrainFactory grains, string tenantId, CancellationToken cancellationToken) =>
        [.. (await grains.GetGrain<IIdentityProvidersGrain>(tenantId).ListAsync(cancellationToken)).Select(provider => provider.Id)];

    private static Task<InvitationPreview> PreviewAsync(IGrainFactory grains, string token, CancellationToken cancellationToken) =>
        InvitationTokens.TenantOf(token) is string tenantId
            ? grains.GetGrain<IInvitationsGrain>(tenantId).PreviewAsync(token, cancellationToken)
            : throw CarmenException.NotFound("This invitation link is not valid.");
}
