using Carmen.Api.Errors;
using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Api.Contracts;

/// <summary>
/// The outcome of one row: <c>created</c> with the device's access token (for an hour after the import completed; null
/// after that), or <c>failed</c> with the errors naming their fields.
/// </summary>
public sealed record DeviceImportRowResponse(int Index, string? DeviceId, string Status, string? AccessToken, IReadOnlyList<RowErrorResponse> Errors)
{
    public static DeviceImportRowResponse From(DeviceRegistrationOutcome outcome) => new(
        outcome.Index, outcome.DeviceId, outcome.Succeeded ? "created" : "failed", outcome.Registration?.AccessToken is { Length: > 0 } token ? token : null,
        [.. outcome.Errors.Select(error => new RowErrorResponse(error.Field, error.Message, ErrorStatus.Of(error.Kind), error.Entitlement))]);
}
