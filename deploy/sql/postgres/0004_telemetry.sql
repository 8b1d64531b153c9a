-- Telemetry history. One row per device, key and time; a point sent twice (a QoS 1 redelivery) is stored once.
-- Numbers and booleans in num, strings and JSON in text. Written in batches (binary COPY into a staging table).
CREATE TABLE IF NOT EXISTS telemetry (
    tenant_id text COLLATE "C" NOT NULL,
    device_id text COLLATE "C" NOT NULL,
    key text COLLATE "C" NOT NULL,
    ts bigint NOT NULL,
    kind smallint NOT NULL,
    num double precision,
    text text,
    PRIMARY KEY (tenant_id, device_id, key, ts)
);

-- Retention deletes by age.
CREATE INDEX IF NOT EXISTS telemetry_ts ON telemetry (ts);
