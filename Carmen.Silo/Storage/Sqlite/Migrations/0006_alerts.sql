-- The alert query index: one row per alert, written by its grain after every change, so listings and reports never
-- wake the grains. Severity and state are the enums' numbers; times are Unix milliseconds.
CREATE TABLE alerts (
    tenant_id        TEXT    NOT NULL,
    alert_id         TEXT    NOT NULL,
    device_id        TEXT    NOT NULL,
    cluster_id       TEXT    NOT NULL,
    rule_id          INTEGER NOT NULL,
    rule_name        TEXT    NOT NULL,
    severity         INTEGER NOT NULL,
    state            INTEGER NOT NULL,
    raised_at        INTEGER NOT NULL,
    last_occurred_at INTEGER NOT NULL,
    occurrences      INTEGER NOT NULL,
    acknowledged_at  INTEGER,
    cleared_at       INTEGER,
    assignee         TEXT,
    PRIMARY KEY (tenant_id, alert_id)
) WITHOUT ROWID;

-- Listings are newest first, with or without a device filter.
CREATE INDEX alerts_newest ON alerts (tenant_id, raised_at DESC, alert_id DESC);
CREATE INDEX alerts_device ON alerts (tenant_id, device_id, raised_at DESC);
