using System.Text.Encodings.Web;
using Carmen.Grains.Interfaces.Invitations;

namespace Carmen.Api.Invitations;

/// <summary>
/// The acceptance page's HTML: plain server-rendered forms with no script, every value encoded. Served with a policy
/// that forbids scripts, framing and sending the link (it carries the token) as a referrer.
/// </summary>
public static class InvitationPage
{
    public static IResult Form(
        InvitationPreview invitation, string token, IReadOnlyList<string> providers, string? error = null, string? username = null, int status = StatusCodes.Status200OK) =>
        Page(status, $"Join {invitation.TenantName}", $"""
            <p>You are invited to <strong>{E(invitation.TenantName)}</strong> as <strong>{E(invitation.RoleName)}</strong>
            ({E(invitation.Scope.Describe())}). This invitation was sent to {E(invitation.Email)} and works until
            {invitation.ExpiresAt:yyyy-MM-dd HH:mm} UTC.</p>
            {(error is null ? "" : $"<p class=\"error\" role=\"alert\">{E(error)}</p>")}
            <form method="post" action="/invitations/{E(Uri.EscapeDataString(token))}">
              <label for="username">Username</label>
              <input id="username" name="username" autocomplete="username" required value="{E(username ?? "")}">
              <label for="password">Password</label>
              <input id="password" name="password" type="password" autocomplete="new-password" required>
              <label for="confirm">Password again</label>
              <input id="confirm" name="confirm" type="password" autocomplete="new-password" required>
              <button type="submit">Accept the invitation</button>
            </form>
            <p class="hint">Already a user of {E(invitation.TenantName)}? Give your username and password: the role is added to your account.</p>
            {string.Concat(providers.Select(provider => $"<p><a class=\"sso\" href=\"/api/v1/auth/sso/{E(invitation.TenantId)}/{E(provider)}/login?invitation={E(Uri.EscapeDataString(token))}\">Continue with single sign-on ({E(provider)})</a></p>"))}
            """);

    public static IResult Accepted(AcceptedInvitation accepted, string tenantName) =>
        Page(StatusCodes.Status200OK, "Welcome", $"""
            <p>You now hold <strong>{E(accepted.RoleId)}</strong> in <strong>{E(tenantName)}</strong> ({E(accepted.Scope.Describe())})
            as <strong>{E(accepted.Username)}</strong>.</p>
            <p>Sign in with your username, your password and the tenant <code>{E(accepted.TenantId)}</code>: in Carmen's
            clients, or with <code>POST /api/v1/auth/token {"{"}"username", "password", "tenant"{"}"}</code>.</p>
            """);

    public static IResult Unusable(InvitationStatus status) => Page(StatusCodes.Status410Gone, "This invitation cannot be used", status switch
    {
        InvitationStatus.Accepted => "<p>This invitation was already accepted. Sign in with the account you chose then.</p>",
        InvitationStatus.Expired => "<p>This invitation has expired. Ask whoever invited you to send it again.</p>",
        _ => "<p>This invitation was withdrawn. Ask whoever invited you if you still need access.</p>",
    });

    public static IResult Refused(string reason) => Page(StatusCodes.Status409Conflict, "This invitation cannot be accepted", $"<p>{E(reason)}</p>");

    public static IResult NotValid() => Page(StatusCodes.Status404NotFound, "This invitation link is not valid",
        "<p>A newer mail may have replaced this link, or it was copied incompletely. Use the link of the latest invitation mail.</p>");

    public static IResult TooManyAttempts(int seconds) => Page(StatusCodes.Status429TooManyRequests, "Too many attempts",
        $"<p>Too many failed attempts from your address. Try again in {seconds} seconds.</p>");

    private static HtmlResult Page(int status, string title, string body) => new(status, $$"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>{{E(title)}} · Carmen</title>
        <style>
          body { font-family: system-ui, sans-serif; max-width: 32rem; margin: 3rem auto; padding: 0 1rem; color: #1b1f24; }
          label { display: block; margin-top: 1rem; font-weight: 600; }
          input { width: 100%; padding: .5rem; font-size: 1rem; box-sizing: border-box; }
          button { margin-top: 1.5rem; padding: .6rem 1.2rem; font-size: 1rem; }
          .error { color: #a40e26; font-weight: 600; }
          .hint { color: #57606a; font-size: .9rem; }
        </style>
        </head>
        <body>
        <h1>{{E(title)}}</h1>
        {{body}}
        </body>
        </html>
        """);

    private static string E(string text) => HtmlEncoder.Default.Encode(text);


    /// <summary>An HTML answer with the headers that keep the page's token to itself.</summary>
    private sealed class HtmlResult(int status, string html) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            http.Response.StatusCode = status;
            http.Response.ContentType = "text/html; charset=utf-8";
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            http.Response.Headers["Referrer-Policy"] = "no-referrer";
            http.Response.Headers.XFrameOptions = "DENY";
            http.Response.Headers.CacheControl = "no-store";
            return http.Response.WriteAsync(html);
        }
    }
}
