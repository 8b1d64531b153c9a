using Carmen.Grains.Interfaces.Updates;

namespace Carmen.Api.Ddi;

/// <summary>
/// Runs <see cref="DdiAuthenticator"/> before every DDI endpoint, ahead of binding its body: a stranger sending a
/// malformed body is told 401, not how the body is wrong. An accepted request reaches its handler with the
/// controller's grain (<see cref="Device"/>).
/// </summary>
public sealed class DdiAuthenticationMiddleware(RequestDelegate next, DdiAuthenticator authenticator)
{
    public async Task InvokeAsync(HttpContext http)
    {
        if (http.GetEndpoint()?.Metadata.GetMetadata<Required>() is null)
        {
            await next(http);
            return;
        }

        (IUpdatableDeviceGrain? device, IResult? refusal) = await authenticator.AuthenticateAsync(
            http, http.GetRouteValue("tenantId") as string ?? "", http.GetRouteValue("controllerId") as string ?? "");
        if (device is null)
        {
            await refusal!.ExecuteAsync(http);
            return;
        }

        http.Items[typeof(IUpdatableDeviceGrain)] = device;
        await next(http);
    }

    /// <summary>The authenticated controller's grain.</summary>
    public static IUpdatableDeviceGrain Device(HttpContext http) => (IUpdatableDeviceGrain)http.Items[typeof(IUpdatableDeviceGrain)]!;

    /// <summary>Endpoint metadata: the endpoint answers a DDI controller and needs its credentials.</summary>
    public sealed class Required;
}
