-- The audit trail: append-only records chained per tenant, the signed checkpoints over them, and the public keys of
-- those signatures (so the trail verifies where the node's secrets are not at hand).
CREATE TABLE audit_records (
    chain       text   NOT NULL,
    id          bigint NOT NULL,
    at          bigint NOT NULL, -- Unix milliseconds
    source      text   NOT NULL,
    actor       text   NOT NULL,
    action      text   NOT NULL,
    target_type text   NOT NULL,
    target_id   text   NOT NULL,
    address     text,
    body        text   NOT NULL, -- the record's text, exactly as hashed
    hash        text   NOT NULL,
    PRIMARY KEY (chain, id)
);

CREATE INDEX audit_records_at ON audit_records (chain, at);
CREATE INDEX audit_records_target ON audit_records (chain, target_type, target_id);
CREATE INDEX audit_records_address ON audit_records (chain, address);

CREATE TABLE audit_checkpoints (
    chain       text   NOT NULL,
    record_id   bigint NOT NULL,
    record_hash text   NOT NULL,
    at          bigint NOT NULL,
    key_id      text   NOT NULL,
    signature   bytea  NOT NULL,
    PRIMARY KEY (chain, record_id)
);

CREATE TABLE audit_keys (
    key_id     text   PRIMARY KEY,
    public_key bytea  NOT NULL,
    created_at bigint NOT NULL
);
