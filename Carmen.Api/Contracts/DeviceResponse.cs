using System.Text.Json.Nodes;
using Carmen.Api.Formats;
using Carmen.Grains.Interfaces.Devices;

namespace Carmen.Api.Contracts;

/// <summary>
/// A device; <see cref="AccessToken"/> is present only in the answer that issued it. <see cref="Gateway"/>: it publishes
/// for devices behind it; <see cref="GatewayId"/>: the gateway it is behind; <see cref="IsolatedBy"/>: the incident that isolates it (status "isolated").
/// </summary>
public sealed record DeviceResponse(
    string Id,
    string TenantId,
    string Name,
    string ClusterId,
    string? BusinessUnitId,
    string? Type,
    IReadOnlyList<string> Labels,
    DeviceStatus Status,
    string? FirmwareVersion,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSeenAt,
    DateTimeOffset CredentialsIssuedAt,
    JsonObject SharedAttributes,
    JsonObject ServerAttributes,
    string? AccessToken,
    bool Gateway,
    string? GatewayId,
    long? IsolatedBy)
{
    public static DeviceResponse From(DeviceInfo device, string? businessUnitId, string? accessToken = null) => new(
        device.Id, device.TenantId, device.Name, device.ClusterId, businessUnitId, device.Type, device.Labels, device.Status,
        device.FirmwareVersion, device.CreatedAt, device.LastSeenAt, device.CredentialsIssuedAt,
        AttributeJson.ToObject(device.SharedAttributes), AttributeJson.ToObject(device.ServerAttributes), accessToken,
        device.IsGateway, device.GatewayId, device.IsolatedBy);
}
