using System.Text.Json;
using Carmen.Grains.Interfaces.Audit;

namespace Carmen.Grains.Audit;

/// <summary>
/// Walks one chain in order and stops at the first record that breaks it: a missing number, a text that does not match
/// its hash, a link to a predecessor that is not the one stored, a checkpoint whose signature fails or that signed a
/// different hash, records removed at the start without a checkpoint at the boundary or at the end below a checkpoint.
/// Checkpoints count only when signed by a key the caller trusts.
/// </summary>
public sealed class AuditChainVerifier(string chain, IReadOnlyList<AuditCheckpoint> checkpoints, IReadOnlyList<AuditPublicKey> trustedKeys)
{
    private readonly Dictionary<long, AuditCheckpoint> _checkpoints = checkpoints.GroupBy(c => c.RecordId).ToDictionary(group => group.Key, group => group.First());
    private readonly Dictionary<string, AuditPublicKey> _keys = trustedKeys.ToDictionary(key => key.KeyId);
    private long _records;
    private long _firstId;
    private long _lastId;
    private string _lastHash = "";
    private long _lastSignedId;
    private int _checkpointsChecked;
    private long? _brokenAt;
    private string? _problem;

    public bool IsBroken => _brokenAt is not null;

    /// <summary>Checks the next record; false once the chain is broken (later records are not looked at).</summary>
    public bool Add(StoredAuditRecord record)
    {
        if (IsBroken)
        {
            return false;
        }

        if (_records > 0 && record.Id != _lastId + 1)
        {
            return Break(_lastId + 1, $"Record {_lastId + 1} is missing: record {_lastId} is followed by record {record.Id}.");
        }

        if (AuditRecordFormat.Hash(record.Body) != record.Hash)
        {
            return Break(record.Id, $"Record {record.Id} was changed: its text does not match its hash.");
        }

        (long id, string recordChain, string previous)? links = ReadLinks(record.Body);
        if (links is not var (bodyId, bodyChain, previousHash) || bodyId != record.Id || bodyChain != chain)
        {
            return Break(record.Id, $"Record {record.Id} was changed: its text names another record or chain.");
        }

        if (_records == 0)
        {
            if (!Anchored(record, previousHash))
            {
                return false;
            }

            _firstId = record.Id;
        }
        else if (previousHash != _lastHash)
        {
            return Break(_lastId, $"Record {_lastId} was rewritten: record {record.Id} carries another hash for it.");
        }

        _records++;
        _lastId = record.Id;
        _lastHash = record.Hash;
        return !_checkpoints.TryGetValue(record.Id, out AuditCheckpoint? checkpoint) || Check(checkpoint, record.Hash);
    }

    public AuditVerification Finish()
    {
        if (!IsBroken && _checkpoints.Keys.Where(id => id > _lastId).DefaultIfEmpty().Max() is long beyond && beyond > 0)
        {
            Break(_lastId + 1, $"Records {_lastId + 1} to {beyond} are missing: a checkpoint signed record {beyond}.");
        }

        return new AuditVerification(_records, _checkpointsChecked, !IsBroken, _brokenAt, _problem, _firstId, _lastId, IsBroken ? 0 : _lastId - _lastSignedId);
    }

    /// <summary>A chain starts at record 1 from the genesis hash, or (after retention) from a checkpoint at the boundary.</summary>
    private bool Anchored(StoredAuditRecord first, string previousHash)
    {
        if (first.Id == 1)
        {
            return previousHash == AuditRecordFormat.Genesis || Break(1, "Record 1 was changed: it does not start the chain.");
        }

        return _checkpoints.TryGetValue(first.Id - 1, out AuditCheckpoint? boundary)
            ? Check(boundary, previousHash)
            : Break(first.Id, $"Records before {first.Id} were removed with no checkpoint at the boundary.");
    }

    private bool Check(AuditCheckpoint checkpoint, string hash)
    {
        if (!_keys.TryGetValue(checkpoint.KeyId, out AuditPublicKey? key))
        {
            return Break(checkpoint.RecordId, $"The checkpoint over record {checkpoint.RecordId} is signed by key '{checkpoint.KeyId}', which is not trusted.");
        }

        if (checkpoint.Chain != chain || !AuditSignatures.Verify(key, checkpoint))
        {
            return Break(checkpoint.RecordId, $"The checkpoint over record {checkpoint.RecordId} has an invalid signature.");
        }

        if (checkpoint.RecordHash != hash)
        {
            return Break(checkpoint.RecordId,
                $"Records up to {checkpoint.RecordId} were rewritten after record {_lastSignedId}: the checkpoint signed another hash.");
        }

        _checkpointsChecked++;
        _lastSignedId = checkpoint.RecordId;
        return true;
    }

    private bool Break(long recordId, string problem)
    {
        _brokenAt ??= recordId;
        _problem ??= problem;
        return false;
    }

    private static (long Id, string Chain, string Previous)? ReadLinks(string body)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(body);
            JsonElement root = document.RootElement;
            return (root.GetProperty("id").GetInt64(), root.GetProperty("chain").GetString() ?? "", root.GetProperty("prev").GetString() ?? "");
        }
        catch (Exception failure) when (failure is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }
}
