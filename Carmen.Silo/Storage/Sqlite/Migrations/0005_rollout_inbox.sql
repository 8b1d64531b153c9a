-- Rollout actions posted to devices in bulk. A batch's request is stored once; each device has one row per rollout,
-- which it takes (and deletes) when it next wakes. Times are Unix milliseconds.
CREATE TABLE rollout_posts (
    tenant_id           TEXT    NOT NULL,
    rollout_id          INTEGER NOT NULL,
    batch               INTEGER NOT NULL,
    distribution_set_id INTEGER NOT NULL,
    request             BLOB    NOT NULL,
    PRIMARY KEY (tenant_id, rollout_id, batch)
);

CREATE TABLE rollout_inbox (
    tenant_id  TEXT    NOT NULL,
    device_id  TEXT    NOT NULL,
    rollout_id INTEGER NOT NULL,
    batch      INTEGER NOT NULL,
    posted_at  INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, device_id, rollout_id)
) WITHOUT ROWID;

CREATE INDEX rollout_inbox_batch ON rollout_inbox (tenant_id, rollout_id, batch);
