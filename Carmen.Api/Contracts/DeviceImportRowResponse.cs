using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Api.Contracts;

/// <summary>The outcome of one row: <c>created</c> with the device's access token, or <c>failed</c> with the errors naming their fields.</summary>
public sealed record DeviceImportRowResponse(int Index, string? DeviceId, string Status, string? AccessToken, IReadOnlyList<RowErrorResponse> Errors)
{
    public static DeviceImportRowResponse From(DeviceRegistrationOutcome outcome) => new(
        outcome.Index, outcome.DeviceId, outcome.Succeeded ? "created" : "failed", outcome.Registration?.AccessToken,
        [.. outcome.Errors.Select(error => new RowErrorResponse(error.Field, error.Message, ErrorStatus.Of(error.Kind)))]);
}
