-- API usage rollups: one row per tenant, bucket (a minute, or a day), caller, route group and status class; l0..l11
-- count calls per latency bucket (Carmen.Grains.Interfaces.Usage.ApiLatencyBuckets).
CREATE TABLE api_usage (
    tenant_id    text             NOT NULL,
    granularity  smallint         NOT NULL, -- 0: minute, 1: day
    bucket       bigint           NOT NULL, -- start, Unix milliseconds
    principal    text             NOT NULL,
    key_id       text             NOT NULL, -- '' for calls with a signed token
    route_group  text             NOT NULL,
    status_class smallint         NOT NULL,
    requests     bigint           NOT NULL,
    duration_ms  double precision NOT NULL,
    l0 bigint NOT NULL, l1 bigint NOT NULL, l2 bigint NOT NULL, l3 bigint NOT NULL, l4 bigint NOT NULL, l5 bigint NOT NULL,
    l6 bigint NOT NULL, l7 bigint NOT NULL, l8 bigint NOT NULL, l9 bigint NOT NULL, l10 bigint NOT NULL, l11 bigint NOT NULL,
    bytes_in     bigint           NOT NULL,
    bytes_out    bigint           NOT NULL,
    PRIMARY KEY (tenant_id, granularity, bucket, principal, key_id, route_group, status_class)
);
