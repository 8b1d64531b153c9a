using Carmen.Api.Errors;

namespace Carmen.Api.Auth;

/// <summary>
/// A token issued to a user whose tenant requires a second factor the user has not enrolled opens only the enrolment
/// routes (/api/v1/auth/totp/...): everything else is 403 with the way out named.
/// </summary>
public sealed class SecondFactorEnrollmentGate(RequestDelegate next, IProblemDetailsService problems)
{
    private static readonly PathString s_enrollment = "/api/v1/auth/totp";

    public async Task InvokeAsync(HttpContext http)
    {
        if (http.User.HasClaim(CarmenClaims.EnrollmentOnly, "true") && !http.Request.Path.StartsWithSegments(s_enrollment))
        {
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = CarmenExceptionHandler.Problem(StatusCodes.Status403Forbidden,
                    "Your tenant requires two-factor sign-in: enrol with POST /api/v1/auth/totp/enroll and confirm with POST /api/v1/auth/totp/confirm.", null),
            });
            return;
        }

        await next(http);
    }
}
