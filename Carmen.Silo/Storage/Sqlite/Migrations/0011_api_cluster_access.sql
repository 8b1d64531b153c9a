-- Who touched a cluster's resources: calls per tenant, cluster, hour and caller that named a device or the cluster
-- (reads: GET and HEAD; changes: the rest), kept 400 days.
CREATE TABLE api_cluster_access (
    tenant_id  TEXT    NOT NULL,
    cluster_id TEXT    NOT NULL,
    hour       INTEGER NOT NULL, -- start, Unix milliseconds
    principal  TEXT    NOT NULL,
    key_id     TEXT    NOT NULL, -- '' for calls with a signed token
    reads      INTEGER NOT NULL,
    changes    INTEGER NOT NULL,
    PRIMARY KEY (tenant_id, cluster_id, hour, principal, key_id)
) WITHOUT ROWID;
