-- Carmen on PostgreSQL, schema 2: the device query index, as in the embedded store.
-- Times are Unix milliseconds; sort keys use the "C" collation so ordering is bytewise, as in SQLite,
-- and continuation tokens mean the same in both stores.

CREATE TABLE devices (
    tenant_id         text    NOT NULL,
    device_id         text    COLLATE "C" NOT NULL,
    name              text    NOT NULL,
    name_key          text    COLLATE "C" NOT NULL,
    cluster_id        text    NOT NULL,
    device_type       text,
    labels            text    NOT NULL,
    status            integer NOT NULL,
    firmware_version  text,
    created_at        bigint  NOT NULL,
    last_seen_at      bigint  NOT NULL,
    access_token_hash text,
    PRIMARY KEY (tenant_id, device_id)
);

CREATE INDEX ix_devices_name      ON devices (tenant_id, name_key, device_id);
CREATE INDEX ix_devices_cluster   ON devices (tenant_id, cluster_id, name_key, device_id);
CREATE INDEX ix_devices_status    ON devices (tenant_id, status, name_key, device_id);
CREATE INDEX ix_devices_type      ON devices (tenant_id, device_type, name_key, device_id);
CREATE INDEX ix_devices_firmware  ON devices (tenant_id, firmware_version, name_key, device_id);
CREATE INDEX ix_devices_created   ON devices (tenant_id, created_at, device_id);
CREATE INDEX ix_devices_last_seen ON devices (tenant_id, last_seen_at, device_id);
CREATE UNIQUE INDEX ix_devices_access_token ON devices (access_token_hash) WHERE access_token_hash IS NOT NULL;

CREATE TABLE device_labels (
    tenant_id text NOT NULL,
    device_id text COLLATE "C" NOT NULL,
    label     text NOT NULL,
    PRIMARY KEY (tenant_id, device_id, label)
);

CREATE INDEX ix_device_labels_label ON device_labels (tenant_id, label, device_id);
