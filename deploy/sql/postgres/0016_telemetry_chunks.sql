-- History in chunks: each (tenant, device, key) gets an integer series id once, and a history flush writes one row
-- per series and hour with its points encoded together (see TelemetryChunkCodec) instead of a row per point. A
-- chunk's id is its write order: of two chunks holding the same timestamp, the later one's value is the one read.
CREATE TABLE telemetry_series (
    id bigserial PRIMARY KEY,
    tenant_id text COLLATE "C" NOT NULL,
    device_id text COLLATE "C" NOT NULL,
    key text COLLATE "C" NOT NULL,
    UNIQUE (tenant_id, device_id, key)
);

CREATE TABLE telemetry_chunks (
    id bigserial PRIMARY KEY,
    series_id bigint NOT NULL,
    bucket bigint NOT NULL,
    first_ts bigint NOT NULL,
    last_ts bigint NOT NULL,
    points integer NOT NULL,
    data bytea NOT NULL
);

-- Reads seek to a series' hours; retention walks each series' oldest hours.
CREATE INDEX telemetry_chunks_series ON telemetry_chunks (series_id, bucket);

-- Existing points become one chunk per series and hour, in the JSON form SQL can build (numbers as their shortest
-- exact text).
INSERT INTO telemetry_series (tenant_id, device_id, key)
SELECT DISTINCT tenant_id, device_id, key FROM telemetry;

INSERT INTO telemetry_chunks (series_id, bucket, first_ts, last_ts, points, data)
SELECT s.id, t.bucket, min(t.ts), max(t.ts), count(*),
       convert_to(json_agg(json_build_array(t.ts, t.kind, t.num::text, t.text) ORDER BY t.ts)::text, 'UTF8')
FROM (SELECT *, ts - (((ts % 3600000) + 3600000) % 3600000) AS bucket FROM telemetry) t
JOIN telemetry_series s ON s.tenant_id = t.tenant_id AND s.device_id = t.device_id AND s.key = t.key
GROUP BY s.id, t.bucket;

DROP TABLE telemetry;
