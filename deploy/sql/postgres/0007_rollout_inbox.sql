-- Rollout actions posted to devices in bulk, as in the embedded store. A batch's request is stored once; each device
-- has one row per rollout, which it takes (and deletes) when it next wakes. Times are Unix milliseconds.
CREATE TABLE IF NOT EXISTS rollout_posts (
    tenant_id           text    NOT NULL,
    rollout_id          bigint  NOT NULL,
    batch               integer NOT NULL,
    distribution_set_id bigint  NOT NULL,
    request             bytea   NOT NULL,
    PRIMARY KEY (tenant_id, rollout_id, batch)
);

CREATE TABLE IF NOT EXISTS rollout_inbox (
    tenant_id  text    NOT NULL,
    device_id  text    COLLATE "C" NOT NULL,
    rollout_id bigint  NOT NULL,
    batch      integer NOT NULL,
    posted_at  bigint  NOT NULL,
    PRIMARY KEY (tenant_id, device_id, rollout_id)
);

CREATE INDEX IF NOT EXISTS rollout_inbox_batch ON rollout_inbox (tenant_id, rollout_id, batch);
