using System.Text.Json;
using Carmen.Grains.Interfaces.Access;

namespace Carmen.Grains.Tenants;

/// <summary>The body of an <c>access.changed</c> webhook event: the tenant and its changes, as the access-changes route lists them.</summary>
internal static class AccessChangedEvent
{
    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public static byte[] Body(string tenantId, DateTimeOffset sentAt, IReadOnlyList<AccessChange> changes) => JsonSerializer.SerializeToUtf8Bytes(new
    {
        type = "access.changed",
        tenantId,
        sentAt,
        changes = changes.Select(change => new
        {
            sequence = change.Sequence,
            at = change.At,
            kind = JsonNamingPolicy.CamelCase.ConvertName(change.Kind.ToString()),
            by = change.By,
            address = change.Address,
            userId = change.Principal,
            role = change.RoleId,
            scope = change.Scope is null ? null : new { type = JsonNamingPolicy.CamelCase.ConvertName(change.Scope.Type.ToString()), id = change.Scope.Id },
            assignmentId = change.AssignmentId,
            detail = change.Detail,
        }),
    }, s_json);
}
