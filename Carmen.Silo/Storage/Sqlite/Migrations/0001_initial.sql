-- Carmen embedded store, schema 1: grain state, reminders, the device query index.
-- Times are Unix milliseconds (UTC). Text compares with SQLite's binary collation.

CREATE TABLE grain_state (
    state_name  TEXT    NOT NULL,
    grain_id    TEXT    NOT NULL,
    etag        INTEGER NOT NULL,
    payload     BLOB    NOT NULL,
    modified_at INTEGER NOT NULL,
    PRIMARY KEY (state_name, grain_id)
) WITHOUT ROWID;

CREATE TABLE reminders (
    grain_id      TEXT    NOT NULL,
    reminder_name TEXT    NOT NULL,
    grain_hash    INTEGER NOT NULL,
    start_at      INTEGER NOT NULL,
    period_ms     INTEGER NOT NULL,
    etag          INTEGER NOT NULL,
    PRIMARY KEY (grain_id, reminder_name)
) WITHOUT ROWID;

CREATE INDEX ix_reminders_grain_hash ON reminders (grain_hash);

CREATE TABLE devices (
    tenant_id         TEXT    NOT NULL,
    device_id         TEXT    NOT NULL,
    name              TEXT    NOT NULL,
    name_key          TEXT    NOT NULL, -- lower-cased name: sorting and prefix search are case-insensitive
    cluster_id        TEXT    NOT NULL,
    device_type       TEXT,
    labels            TEXT    NOT NULL, -- JSON array, for display; device_labels serves the filter
    status            INTEGER NOT NULL,
    firmware_version  TEXT,
    created_at        INTEGER NOT NULL,
    last_seen_at      INTEGER NOT NULL, -- 0 when never seen, so keyset paging needs no NULL handling
    access_token_hash TEXT,
    PRIMARY KEY (tenant_id, device_id)
) WITHOUT ROWID;

-- Every filter leads with the tenant and ends with the default sort (name, id), so a filtered page is an index range scan.
CREATE INDEX ix_devices_name      ON devices (tenant_id, name_key, device_id);
CREATE INDEX ix_devices_cluster   ON devices (tenant_id, cluster_id, name_key, device_id);
CREATE INDEX ix_devices_status    ON devices (tenant_id, status, name_key, device_id);
CREATE INDEX ix_devices_type      ON devices (tenant_id, device_type, name_key, device_id);
CREATE INDEX ix_devices_firmware  ON devices (tenant_id, firmware_version, name_key, device_id);
CREATE INDEX ix_devices_created   ON devices (tenant_id, created_at, device_id);
CREATE INDEX ix_devices_last_seen ON devices (tenant_id, last_seen_at, device_id);
CREATE UNIQUE INDEX ix_devices_access_token ON devices (access_token_hash) WHERE access_token_hash IS NOT NULL;

-- Keyed by device, so rewriting one device's labels touches only its rows; the index serves the label filter.
CREATE TABLE device_labels (
    tenant_id TEXT NOT NULL,
    device_id TEXT NOT NULL,
    label     TEXT NOT NULL,
    PRIMARY KEY (tenant_id, device_id, label)
) WITHOUT ROWID;

CREATE INDEX ix_device_labels_label ON device_labels (tenant_id, label, device_id);
