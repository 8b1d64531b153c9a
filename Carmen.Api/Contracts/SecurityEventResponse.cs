using System.Text.Json;
using Carmen.Grains.Interfaces.Audit;

namespace Carmen.Api.Contracts;

/// <summary>
/// A security event: its type (signIn.failed, apiKey.newAddress, ... or, for a change made through the API, the action
/// such as "POST /role-assignments"), who, from where, on what, and its details (for a change, the values after it).
/// </summary>
public sealed record SecurityEventResponse(
    long Id,
    DateTimeOffset At,
    string Type,
    string Source,
    AuditActorResponse Actor,
    string? Address,
    string? UserAgent,
    string TargetType,
    string TargetId,
    IReadOnlyDictionary<string, JsonElement?> Details)
{
    public static SecurityEventResponse From(AuditRecord record) => new(
        record.Id,
        record.At,
        record.Entry.Action,
        record.Entry.Source,
        new AuditActorResponse(record.Entry.Actor.Kind, record.Entry.Actor.Name, record.Entry.Actor.KeyId),
        record.Entry.Address,
        record.Entry.UserAgent,
        record.Entry.TargetType,
        record.Entry.TargetId,
        record.Entry.Changes.GroupBy(change => change.Field).ToDictionary(
            group => group.Key, group => group.Last().After is string after ? JsonDocument.Parse(after).RootElement.Clone() : (JsonElement?)null));
}
