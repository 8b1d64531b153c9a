-- API usage rollups: one row per tenant, bucket (a minute, or a day), caller, route group and status class; l0..l11
-- count calls per latency bucket (Carmen.Grains.Interfaces.Usage.ApiLatencyBuckets).
CREATE TABLE api_usage (
    tenant_id    TEXT    NOT NULL,
    granularity  INTEGER NOT NULL, -- 0: minute, 1: day
    bucket       INTEGER NOT NULL, -- start, Unix milliseconds
    principal    TEXT    NOT NULL,
    key_id       TEXT    NOT NULL, -- '' for calls with a signed token
    route_group  TEXT    NOT NULL,
    status_class INTEGER NOT NULL,
    requests     INTEGER NOT NULL,
    duration_ms  REAL    NOT NULL,
    l0 INTEGER NOT NULL, l1 INTEGER NOT NULL, l2 INTEGER NOT NULL, l3 INTEGER NOT NULL, l4 INTEGER NOT NULL, l5 INTEGER NOT NULL,
    l6 INTEGER NOT NULL, l7 INTEGER NOT NULL, l8 INTEGER NOT NULL, l9 INTEGER NOT NULL, l10 INTEGER NOT NULL, l11 INTEGER NOT NULL,
    bytes_in     INTEGER NOT NULL,
    bytes_out    INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, granularity, bucket, principal, key_id, route_group, status_class)
) WITHOUT ROWID;
