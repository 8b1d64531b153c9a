-- The alert query index, as in the embedded store: one row per alert, written by its grain after every change, so
-- listings and reports never wake the grains. Severity and state are the enums' numbers; times are Unix milliseconds.
CREATE TABLE IF NOT EXISTS alerts (
    tenant_id        text    NOT NULL,
    alert_id         text    COLLATE "C" NOT NULL,
    device_id        text    COLLATE "C" NOT NULL,
    cluster_id       text    NOT NULL,
    rule_id          bigint  NOT NULL,
    rule_name        text    NOT NULL,
    severity         integer NOT NULL,
    state            integer NOT NULL,
    raised_at        bigint  NOT NULL,
    last_occurred_at bigint  NOT NULL,
    occurrences      integer NOT NULL,
    acknowledged_at  bigint,
    cleared_at       bigint,
    assignee         text,
    PRIMARY KEY (tenant_id, alert_id)
);

-- Listings are newest first, with or without a device filter.
CREATE INDEX IF NOT EXISTS alerts_newest ON alerts (tenant_id, raised_at DESC, alert_id DESC);
CREATE INDEX IF NOT EXISTS alerts_device ON alerts (tenant_id, device_id, raised_at DESC);
