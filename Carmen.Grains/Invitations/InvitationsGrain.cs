using Carmen.Grains.Interfaces;
using Carmen.Grains.Interfaces.Access;
using Carmen.Grains.Interfaces.Invitations;
using Carmen.Grains.Interfaces.Licenses;
using Carmen.Grains.Interfaces.Notifications;
using Carmen.Grains.Interfaces.Tenants;
using Carmen.Grains.Interfaces.Users;
using Carmen.Grains.Notifications;
using Carmen.Grains.Users;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Carmen.Grains.Invitations;

/// <summary>
/// A tenant's invitations. The link's token is made here, mailed once and kept only as its hash; statuses move
/// pending → accepted, revoked or expired (expiry is noticed when read), and every step is recorded with who and when.
/// Sending waits for the mail server: an administrator sees at once whether the mail left.
/// </summary>
[GrainType("invitations")]
public sealed partial class InvitationsGrain(
    [PersistentState("invitations", StorageNames.Tenants)] IPersistentState<InvitationsState> invitations,
    MailTransport mail,
    TimeProvider time,
    ILogger<InvitationsGrain> logger) : Grain, IInvitationsGrain, ITenantRecordGrain
{
    /// <summary>The tenant setting that caps an invitation's lifetime, in hours.</summary>
    public const string MaxLifetimeSetting = "invitations.maxLifetimeHours";

    private const int MaxKept = 10_000;
    private static readonly TimeSpan s_defaultLifetime = TimeSpan.FromHours(72);
    private static readonly TimeSpan s_platformMaxLifetime = TimeSpan.FromDays(30);

    private string TenantId => this.GetPrimaryKeyString();

    private ITenantGrain Tenant => GrainFactory.GetGrain<ITenantGrain>(TenantId);

    private ITenantAccessGrain Access => GrainFactory.GetGrain<ITenantAccessGrain>(TenantId);

    public async Task<InvitationInfo> InviteAsync(InvitationDraft draft, AccessActor actor, CancellationToken cancellationToken)
    {
        string email = ValidEmail(draft.Email);
        RoleDefinition role = await Access.CheckGrantAsync(draft.RoleId, draft.Scope, actor, cancellationToken);
        TenantInfo tenant = await Tenant.GetAsync(cancellationToken);
        List<AccessScope> pendingScopes = [.. Current().Where(invitation => invitation.Status == InvitationStatus.Pending).Select(invitation => invitation.Scope)];
        int pending = pendingScopes.Count;
        if (tenant.Limits.MaxUsers is int max && tenant.UserCount + pending >= max)
        {
            throw CarmenException.Conflict($"The tenant's user limit of {max} is reached by {tenant.UserCount} user(s) and {pending} pending invitation(s).");
        }

        await GrainFactory.GetGrain<ITenantLicensingGrain>(TenantId).RequireUserSeatAsync(pendingScopes, draft.Scope, cancellationToken);

        if (invitations.State.Invitations.Count >= MaxKept)
        {
            throw CarmenException.Conflict($"A tenant keeps at most {MaxKept} invitations; wait for old ones to be pruned.");
        }

        DateTimeOffset now = time.GetUtcNow();
        var invitation = new InvitationRecord
        {
            Id = Guid.CreateVersion7().ToString("N")[..16],
            Email = email,
            RoleId = role.Id,
            Scope = draft.Scope,
            Propagate = draft.Propagate,
            Status = InvitationStatus.Pending,
            CreatedAt = now,
            CreatedBy = actor.Name,
            CreatedByPlatformAdmin = actor.PlatformAdmin,
        };
        SmtpSettings smtp = await SmtpAsync(cancellationToken);
        TimeSpan lifetime = Lifetime(draft.Lifetime, tenant);
        await IssueAsync(invitation, smtp, tenant, role, lifetime, draft.BaseUrl, "invited", actor.Name, cancellationToken);
        invitations.State.Invitations[invitation.Id] = invitation;
        await invitations.WriteStateAsync(cancellationToken);
        LogInvited(TenantId, invitation.Id, role.Id, invitation.Scope.Type, invitation.Scope.Id, actor.Name, invitation.Mail.Error is null);
        return invitation.ToInfo();
    }

    public Task<IReadOnlyList<InvitationInfo>> ListAsync(InvitationStatus? status, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<InvitationInfo>>(
        [
            .. Current().Where(invitation => status is null || invitation.Status == status)
                .OrderByDescending(invitation => invitation.CreatedAt).Select(invitation => invitation.ToInfo()),
        ]);

    public Task<InvitationInfo> GetAsync(string invitationId, CancellationToken cancellationToken) =>
        Task.FromResult(Find(invitationId).ToInfo());

    public async Task<InvitationInfo> ResendAsync(string invitationId, string baseUrl, AccessActor actor, CancellationToken cancellationToken)
    {
        InvitationRecord invitation = Find(invitationId);
        if (invitation.Status is not (InvitationStatus.Pending or InvitationStatus.Expired))
        {
            throw CarmenException.Conflict($"Invitation {invitationId} is {Name(invitation.Status)}; only pending and expired invitations are resent.");
        }

        RoleDefinition role = await Access.CheckGrantAsync(invitation.RoleId, invitation.Scope, actor, cancellationToken);
        TenantInfo tenant = await Tenant.GetAsync(cancellationToken);
        SmtpSettings smtp = await SmtpAsync(cancellationToken);
        await IssueAsync(invitation, smtp, tenant, role, Lifetime(null, tenant), baseUrl, "resent", actor.Name, cancellationToken);
        invitation.Status = InvitationStatus.Pending;
        await invitations.WriteStateAsync(cancellationToken);
        return invitation.ToInfo();
    }

    public async Task<InvitationInfo> RevokeAsync(string invitationId, AccessActor actor, CancellationToken cancellationToken)
    {
        InvitationRecord invitation = Find(invitationId);
        if (invitation.Status != InvitationStatus.Pending)
        {
            throw CarmenException.Conflict($"Invitation {invitationId} is {Name(invitation.Status)}; only a pending invitation is revoked.");
        }

        await Access.CheckGrantAsync(invitation.RoleId, invitation.Scope, actor, cancellationToken);
        invitation.Status = InvitationStatus.Revoked;
        invitation.History.Add(new InvitationEvent("revoked", time.GetUtcNow(), actor.Name));
        await invitations.WriteStateAsync(cancellationToken);
        return invitation.ToInfo();
    }

    public async Task<InvitationPreview> PreviewAsync(string token, CancellationToken cancellationToken)
    {
        InvitationRecord invitation = ByToken(token);
        TenantInfo tenant = await Tenant.GetAsync(cancellationToken);
        IReadOnlyList<RoleDefinition> roles = await Access.GetRolesAsync(cancellationToken);
        string roleName = roles.FirstOrDefault(role => role.Id == invitation.RoleId)?.Name ?? invitation.RoleId;
        return new InvitationPreview(TenantId, tenant.DisplayName, invitation.Email, roleName, invitation.Scope, invitation.Status, invitation.ExpiresAt);
    }

    public async Task<AcceptedInvitation> AcceptAsync(string token, string username, string password, string? address, CancellationToken cancellationToken)
    {
        (InvitationRecord invitation, AccessActor inviter) = await UsableAsync(token, address, cancellationToken);
        string name = UserNames.Normalize(username);
        IUserGrain user = GrainFactory.GetGrain<IUserGrain>(UserKeys.Of(TenantId, name));
        bool newUser = await user.FindAsync(cancellationToken) is null;
        if (newUser)
        {
            await Tenant.CreateUserAsync(name, UserRole.Member, password, actor: null, email: invitation.Email, cancellationToken: cancellationToken);
        }
        else if ((await user.SignInAsync(password, address, cancellationToken)).Outcome != SignInOutcome.Succeeded)
        {
            throw CarmenException.Invalid("password", $"User '{name}' exists in this tenant: accept as that user with its password, or choose another username.");
        }
        else if ((await user.FindAsync(cancellationToken))?.Email is null)
        {
            await user.SetEmailAsync(invitation.Email, cancellationToken); // where the invitation reached them, mail about their access will too
        }

        return await GrantAsync(invitation, inviter, name, newUser, cancellationToken);
    }

    public async Task<AcceptedInvitation> AcceptSignedInAsync(string token, string username, string? address, CancellationToken cancellationToken)
    {
        (InvitationRecord invitation, AccessActor inviter) = await UsableAsync(token, address, cancellationToken);
        return await GrantAsync(invitation, inviter, username, newUser: false, cancellationToken);
    }

    /// <summary>A pending invitation whose inviter may still give its role (access taken from them since voids what they sent).</summary>
    private async Task<(InvitationRecord Invitation, AccessActor Inviter)> UsableAsync(string token, string? address, CancellationToken cancellationToken)
    {
        InvitationRecord invitation = ByToken(token);
        if (invitation.Status != InvitationStatus.Pending)
        {
            throw CarmenException.Conflict($"This invitation is {Name(invitation.Status)}; ask whoever invited you for a new one.");
        }

        var inviter = new AccessActor(invitation.CreatedBy, invitation.CreatedByPlatformAdmin, address);
        await Access.CheckGrantAsync(invitation.RoleId, invitation.Scope, inviter, cancellationToken);
        return (invitation, inviter);
    }

    /// <summary>The invitee holds the role now; the invitation is used.</summary>
    private async Task<AcceptedInvitation> GrantAsync(InvitationRecord invitation, AccessActor inviter, string username, bool newUser, CancellationToken cancellationToken)
    {
        try
        {
            await Access.AssignAsync(new AssignmentDraft(username, invitation.RoleId, invitation.Scope, invitation.Propagate), inviter, cancellationToken);
        }
        catch (CarmenException held) when (held.Kind == ErrorKind.Conflict)
        {
            // The user already holds exactly this: the invitation is used all the same.
        }

        invitation.Status = InvitationStatus.Accepted;
        invitation.AcceptedBy = username;
        invitation.History.Add(new InvitationEvent("accepted", time.GetUtcNow(), username));
        await invitations.WriteStateAsync(cancellationToken);
        LogAccepted(TenantId, invitation.Id, username, newUser);
        return new AcceptedInvitation(TenantId, username, invitation.RoleId, invitation.Scope, newUser);
    }

    public async Task EraseAsync(CancellationToken cancellationToken)
    {
        await invitations.ClearStateAsync(cancellationToken);
        DeactivateOnIdle();
    }

    /// <summary>A new token (the previous one stops working), a new expiry, and the mail that carries it.</summary>
    private async Task IssueAsync(
        InvitationRecord invitation, SmtpSettings smtp, TenantInfo tenant, RoleDefinition role, TimeSpan lifetime, string baseUrl, string action, string by,
        CancellationToken cancellationToken)
    {
        string token = InvitationTokens.New(TenantId);
        DateTimeOffset now = time.GetUtcNow();
        invitation.TokenHash = TokenHashes.Of(token);
        invitation.ExpiresAt = now + lifetime;
        invitation.History.Add(new InvitationEvent(action, now, by));
        string link = $"{baseUrl.TrimEnd('/')}/invitations/{token}";
        using MimeMessage message = InvitationMessages.Invitation(smtp.From, invitation, TenantId, tenant.DisplayName, role.Name, link);
        try
        {
            await mail.SendAsync(smtp, message, cancellationToken);
            invitation.Mail = new InvitationMail(time.GetUtcNow(), null);
        }
        catch (Exception failure) when (failure is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Kept, with the reason: the administrator sees it and resends once the mail server is fixed.
            string error = failure.GetBaseException().Message;
            invitation.Mail = new InvitationMail(null, error);
            LogMailFailed(TenantId, invitation.Id, error);
        }
    }

    /// <summary>The tenant's mail server, else the platform's; an invitation nobody can receive is refused.</summary>
    private async Task<SmtpSettings> SmtpAsync(CancellationToken cancellationToken) =>
        await MailServers.ForTenantAsync(GrainFactory, TenantId, cancellationToken)
        ?? throw CarmenException.Conflict("No mail server is set for this tenant or the platform (PUT .../settings/smtp); an invitation could not be sent.");

    private static TimeSpan Lifetime(TimeSpan? asked, TenantInfo tenant)
    {
        TimeSpan cap = tenant.Settings.TryGetValue(MaxLifetimeSetting, out string? hours) && int.TryParse(hours, out int capHours) && capHours > 0
            ? TimeSpan.FromHours(Math.Min(capHours, s_platformMaxLifetime.TotalHours))
            : s_platformMaxLifetime;
        TimeSpan lifetime = asked ?? (s_defaultLifetime < cap ? s_defaultLifetime : cap);
        return lifetime <= TimeSpan.Zero
            ? throw CarmenException.Invalid("expiresInHours", "An invitation lives at least an hour.")
            : lifetime > cap ? throw CarmenException.Invalid("expiresInHours", $"This tenant's invitations live at most {cap.TotalHours:0} hours.") : lifetime;
    }

    /// <summary>The invitations, pending ones past their expiry marked expired (and recorded so) as they are read.</summary>
    private IEnumerable<InvitationRecord> Current()
    {
        DateTimeOffset now = time.GetUtcNow();
        foreach (InvitationRecord invitation in invitations.State.Invitations.Values)
        {
            ExpireIfDue(invitation, now);
            yield return invitation;
        }
    }

    private InvitationRecord Find(string invitationId) =>
        Current().FirstOrDefault(invitation => invitation.Id == invitationId)
        ?? throw CarmenException.NotFound($"Invitation '{invitationId}' does not exist.");

    /// <summary>
    /// The invitation a token names, whatever its status (so its page can say it was used, revoked or has expired); a
    /// token replaced by a resend names none.
    /// </summary>
    private InvitationRecord ByToken(string token)
    {
        string hash = TokenHashes.Of(token ?? "");
        InvitationRecord? invitation = invitations.State.Invitations.Values.FirstOrDefault(invitation => invitation.TokenHash == hash);
        if (invitation is null)
        {
            throw CarmenException.NotFound("This invitation link is not valid: a newer link replaced it, or it never existed.");
        }

        ExpireIfDue(invitation, time.GetUtcNow());
        return invitation;
    }

    /// <summary>A pending invitation past its expiry becomes expired, recorded at the moment it expired.</summary>
    private static void ExpireIfDue(InvitationRecord invitation, DateTimeOffset now)
    {
        if (invitation.Status == InvitationStatus.Pending && invitation.ExpiresAt <= now)
        {
            invitation.Status = InvitationStatus.Expired;
            invitation.History.Add(new InvitationEvent("expired", invitation.ExpiresAt, "system"));
        }
    }

    private static string ValidEmail(string? email) =>
        UserEmails.Valid(email) is string valid && MailboxAddress.TryParse(valid, out MailboxAddress? address) && address.Address == valid
            ? valid
            : throw CarmenException.Invalid("email", "A single email address is required, such as ana@example.com.");

    private static string Name(InvitationStatus status) => status.ToString().ToLowerInvariant();

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId}: invitation {InvitationId} to {RoleId} at {ScopeType} {ScopeId} by {Actor}; mailed: {Mailed}")]
    private partial void LogInvited(string tenantId, string invitationId, string roleId, ScopeType scopeType, string? scopeId, string actor, bool mailed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId}: invitation {InvitationId} accepted by {Username} (new user: {NewUser})")]
    private partial void LogAccepted(string tenantId, string invitationId, string username, bool newUser);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {TenantId}: invitation {InvitationId} could not be mailed: {Error}")]
    private partial void LogMailFailed(string tenantId, string invitationId, string error);
}
