using Carmen.Grains.Interfaces.Alerts;

namespace Carmen.Api.Contracts;

/// <summary>Which of the alerts named were acknowledged and which this scope has no alert of.</summary>
public sealed record BulkAcknowledgeResponse(IReadOnlyList<string> Acknowledged, IReadOnlyList<string> NotFound)
{
    public static BulkAcknowledgeResponse From(BulkAcknowledgement result) => new(result.Acknowledged, result.NotFound);
}
