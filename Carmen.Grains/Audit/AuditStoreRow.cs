namespace Carmen.Grains.Audit;

/// <summary>A record as written: its text and hash, and the columns the trail is searched by.</summary>
public sealed record AuditStoreRow(
    long Id,
    DateTimeOffset At,
    string Source,
    string Actor,
    string Action,
    string TargetType,
    string TargetId,
    string? Address,
    string Body,
    string Hash);
