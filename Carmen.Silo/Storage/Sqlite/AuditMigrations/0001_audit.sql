-- The audit trail (audit.db): append-only records chained per tenant, the signed checkpoints over them, and the
-- public keys of those signatures (so a stopped node's trail verifies without its secrets).
CREATE TABLE audit_records (
    chain       TEXT    NOT NULL,
    id          INTEGER NOT NULL,
    at          INTEGER NOT NULL, -- Unix milliseconds
    source      TEXT    NOT NULL,
    actor       TEXT    NOT NULL,
    action      TEXT    NOT NULL,
    target_type TEXT    NOT NULL,
    target_id   TEXT    NOT NULL,
    address     TEXT,
    body        TEXT    NOT NULL, -- the record's text, exactly as hashed
    hash        TEXT    NOT NULL,
    PRIMARY KEY (chain, id)
) WITHOUT ROWID;

CREATE INDEX audit_records_at ON audit_records (chain, at);
CREATE INDEX audit_records_target ON audit_records (chain, target_type, target_id);
CREATE INDEX audit_records_address ON audit_records (chain, address);

CREATE TABLE audit_checkpoints (
    chain       TEXT    NOT NULL,
    record_id   INTEGER NOT NULL,
    record_hash TEXT    NOT NULL,
    at          INTEGER NOT NULL,
    key_id      TEXT    NOT NULL,
    signature   BLOB    NOT NULL,
    PRIMARY KEY (chain, record_id)
) WITHOUT ROWID;

CREATE TABLE audit_keys (
    key_id     TEXT    PRIMARY KEY,
    public_key BLOB    NOT NULL,
    created_at INTEGER NOT NULL
);
