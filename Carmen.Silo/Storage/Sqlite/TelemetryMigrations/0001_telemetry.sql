-- Telemetry history, in a file of its own (telemetry.db) with its own writer. One row per device, key and time;
-- a point sent twice (a QoS 1 redelivery) is stored once. Numbers and booleans in num, strings and JSON in text.
CREATE TABLE telemetry (
    tenant_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    key TEXT NOT NULL,
    ts INTEGER NOT NULL,
    kind INTEGER NOT NULL,
    num REAL,
    text TEXT,
    PRIMARY KEY (tenant_id, device_id, key, ts)
) WITHOUT ROWID;

-- Retention deletes by age.
CREATE INDEX telemetry_ts ON telemetry (ts);
