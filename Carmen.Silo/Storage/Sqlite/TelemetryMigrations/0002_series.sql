-- History keyed by series: each (tenant, device, key) gets an integer id once, and a point is (series, time, value).
-- Rows shrink to a few bytes of key, the primary key compares integers, and retention deletes per series through
-- the primary key, so the separate time index (a second B-tree written with every point) goes away.
CREATE TABLE telemetry_series (
    id INTEGER PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    key TEXT NOT NULL,
    UNIQUE (tenant_id, device_id, key)
);

CREATE TABLE telemetry_points (
    series_id INTEGER NOT NULL,
    ts INTEGER NOT NULL,
    kind INTEGER NOT NULL,
    num REAL,
    text TEXT,
    PRIMARY KEY (series_id, ts)
) WITHOUT ROWID;

INSERT INTO telemetry_series (tenant_id, device_id, key)
SELECT DISTINCT tenant_id, device_id, key FROM telemetry;

INSERT INTO telemetry_points (series_id, ts, kind, num, text)
SELECT s.id, t.ts, t.kind, t.num, t.text
FROM telemetry t JOIN telemetry_series s ON s.tenant_id = t.tenant_id AND s.device_id = t.device_id AND s.key = t.key;

DROP TABLE telemetry;
