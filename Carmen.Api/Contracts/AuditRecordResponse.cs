using System.Text.Json;
using Carmen.Grains.Interfaces.Audit;

namespace Carmen.Api.Contracts;

/// <summary>A record of the audit trail, with the chain links that make it tamper-evident.</summary>
public sealed record AuditRecordResponse(
    long Id,
    DateTimeOffset At,
    string Source,
    AuditActorResponse Actor,
    string Action,
    string TargetType,
    string TargetId,
    string Scope,
    int Outcome,
    IReadOnlyList<AuditChangeResponse> Changes,
    string? RequestId,
    string? Address,
    string PreviousHash,
    string Hash)
{
    public static AuditRecordResponse From(AuditRecord record) => new(
        record.Id,
        record.At,
        record.Entry.Source,
        new AuditActorResponse(record.Entry.Actor.Kind, record.Entry.Actor.Name, record.Entry.Actor.KeyId),
        record.Entry.Action,
        record.Entry.TargetType,
        record.Entry.TargetId,
        record.Entry.Scope,
        record.Entry.Outcome,
        [.. record.Entry.Changes.Select(change => new AuditChangeResponse(change.Field, Parse(change.Before), Parse(change.After)))],
        record.Entry.RequestId,
        record.Entry.Address,
        record.PreviousHash,
        record.Hash);

    private static JsonElement? Parse(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}
