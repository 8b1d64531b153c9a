using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Api.Ddi;

/// <summary>
/// Runs <see cref="DdiAuthenticator"/> before every DDI handler: a refused request is answered here, an accepted one
/// reaches its handler with the controller's grain (<see cref="Device"/>).
/// </summary>
public sealed class DdiAuthenticationFilter(DdiAuthenticator authenticator) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        HttpContext http = context.HttpContext;
        (IUpdatableDeviceGrain? device, IResult? refusal) = await authenticator.AuthenticateAsync(
            http, http.GetRouteValue("tenantId") as string ?? "", http.GetRouteValue("controllerId") as string ?? "");
        if (device is null)
        {
            return refusal;
        }

        http.Items[typeof(IUpdatableDeviceGrain)] = device;
        return await next(context);
    }

    /// <summary>The authenticated controller's grain.</summary>
    public static IUpdatableDeviceGrain Device(HttpContext http) => (IUpdatableDeviceGrain)http.Items[typeof(IUpdatableDeviceGrain)]!;
}
