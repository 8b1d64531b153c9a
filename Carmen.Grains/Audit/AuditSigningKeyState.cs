using Carmen.Grains.Interfaces.Audit;

namespace Carmen.Grains.Audit;

/// <summary>Every checkpoint key ever made; the newest signs.</summary>
[GenerateSerializer, Alias("Carmen.AuditSigningKeyState")]
public sealed class AuditSigningKeyState
{
    [Id(0)]
    public List<AuditSigningKey> Keys { get; set; } = [];
}
