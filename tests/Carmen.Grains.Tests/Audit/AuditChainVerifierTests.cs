using Carmen.Grains.Audit;
using Carmen.Grains.Interfaces.Audit;
using NSec.Cryptography;

namespace Carmen.Grains.Tests.Audit;

/// <summary>The walk over a chain, on chains built here: what a forger who can recompute hashes, but not sign, cannot hide.</summary>
public sealed class AuditChainVerifierTests : IDisposable
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 6, 10, 0, 0, TimeSpan.Zero);
    private readonly Key _key = AuditSignatures.CreateKey();
    private readonly Key _forger = AuditSignatures.CreateKey();

    private AuditPublicKey Trusted => new("k1", _key.PublicKey.Export(KeyBlobFormat.RawPublicKey), s_start);

    [Fact]
    public void IntactChainWithCheckpointsVerifies()
    {
        List<StoredAuditRecord> chain = Chain(10);

        AuditVerification result = Verify(chain, [Sign(_key, "k1", chain[4]), Sign(_key, "k1", chain[9])]);

        (result.Intact, result.Records, result.Checkpoints, result.UnsignedTail).Should().Be((true, 10L, 2, 0L));
    }

    [Fact]
    public void StretchRewrittenWithEveryHashRecomputedIsCaughtByTheNextCheckpoint()
    {
        List<StoredAuditRecord> chain = Chain(10);
        AuditCheckpoint signed = Sign(_key, "k1", chain[9]);
        List<StoredAuditRecord> forged = Chain(10, rewrite: 6);

        AuditVerification result = Verify(forged, [signed]);

        result.Intact.Should().BeFalse();
        result.FirstBrokenRecordId.Should().Be(10);
        result.Problem.Should().Contain("the checkpoint signed another hash");
    }

    [Fact]
    public void CheckpointSignedByAnUntrustedKeyBreaksTheChain()
    {
        List<StoredAuditRecord> chain = Chain(5);

        AuditVerification result = Verify(chain, [Sign(_forger, "k1", chain[4])]);

        (result.Intact, result.FirstBrokenRecordId).Should().Be((false, 5L));
        result.Problem.Should().Contain("invalid signature");
    }

    [Fact]
    public void ChainStartingAfterRetentionVerifiesFromTheBoundaryCheckpointOnly()
    {
        List<StoredAuditRecord> chain = Chain(10);
        AuditCheckpoint boundary = Sign(_key, "k1", chain[3]);

        AuditVerification anchored = Verify(chain[4..], [boundary]);
        AuditVerification loose = Verify(chain[4..], []);

        (anchored.Intact, anchored.FirstRecordId, anchored.Records).Should().Be((true, 5L, 6L));
        (loose.Intact, loose.FirstBrokenRecordId).Should().Be((false, 5L));
    }

    public void Dispose()
    {
        _key.Dispose();
        _forger.Dispose();
    }

    private AuditVerification Verify(IEnumerable<StoredAuditRecord> records, IReadOnlyList<AuditCheckpoint> checkpoints)
    {
        var verifier = new AuditChainVerifier("acme", checkpoints, [Trusted]);
        foreach (StoredAuditRecord record in records)
        {
            verifier.Add(record);
        }

        return verifier.Finish();
    }

    private static AuditCheckpoint Sign(Key key, string keyId, StoredAuditRecord record) =>
        AuditSignatures.Sign(key, keyId, "acme", record.Id, record.Hash, s_start.AddHours(1));

    /// <summary>Records 1 to <paramref name="count"/>; from <paramref name="rewrite"/> on, with other content and every hash recomputed.</summary>
    private static List<StoredAuditRecord> Chain(int count, int rewrite = int.MaxValue)
    {
        var records = new List<StoredAuditRecord>(count);
        string previous = AuditRecordFormat.Genesis;
        for (long id = 1; id <= count; id++)
        {
            var entry = new AuditEntry(AuditSources.Api, new AuditActor(AuditActorKinds.User, id >= rewrite ? "mallory" : "alice"),
                "PATCH /devices/{deviceId}", "devices", $"d{id}", "tenant", 200, [new AuditChange("name", "\"a\"", "\"b\"")]);
            string body = AuditRecordFormat.Write("acme", id, s_start.AddMinutes(id), entry, previous);
            previous = AuditRecordFormat.Hash(body);
            records.Add(new StoredAuditRecord(id, body, previous));
        }

        return records;
    }
}
