using System.Text.Json;
using Carmen.Grains.Interfaces.Audit;

namespace Carmen.Api.Audit;

/// <summary>
/// Streams an export (format "carmen-audit-export/1", described in docs/audit.md): the public keys, the checkpoints
/// (time in Unix milliseconds, as signed) and the records page by page, each as its stored text and hash.
/// </summary>
public static class AuditExportWriter
{
    public const string Format = "carmen-audit-export/1";
    private const int Page = 2000;

    public static async Task WriteAsync(IAuditTrailGrain trail, DateTimeOffset since, DateTimeOffset until, Stream stream)
    {
        AuditExportPlan plan = await trail.ExportAsync(since, until);
        await using var json = new Utf8JsonWriter(stream);
        json.WriteStartObject();
        json.WriteString("format", Format);
        json.WriteString("chain", plan.Chain);
        json.WriteString("from", since);
        json.WriteString("to", until);
        json.WriteStartArray("publicKeys");
        foreach (AuditPublicKey key in plan.PublicKeys)
        {
            json.WriteStartObject();
            json.WriteString("keyId", key.KeyId);
            json.WriteBase64String("publicKey", key.PublicKey);
            json.WriteString("fingerprint", key.Fingerprint);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("checkpoints");
        foreach (AuditCheckpoint checkpoint in plan.Checkpoints)
        {
            json.WriteStartObject();
            json.WriteNumber("recordId", checkpoint.RecordId);
            json.WriteString("recordHash", checkpoint.RecordHash);
            json.WriteNumber("at", checkpoint.At.ToUnixTimeMilliseconds());
            json.WriteString("keyId", checkpoint.KeyId);
            json.WriteBase64String("signature", checkpoint.Signature);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("records");
        for (long next = plan.FirstRecordId; next <= plan.LastRecordId;)
        {
            IReadOnlyList<StoredAuditRecord> page = await trail.ReadStoredAsync(next, (int)Math.Min(Page, plan.LastRecordId - next + 1));
            foreach (StoredAuditRecord record in page)
            {
                json.WriteStartObject();
                json.WriteNumber("id", record.Id);
                json.WriteString("hash", record.Hash);
                json.WriteString("body", record.Body);
                json.WriteEndObject();
            }

            await json.FlushAsync();
            if (page.Count == 0)
            {
                break;
            }

            next = page[^1].Id + 1;
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }
}
