-- Who touched a cluster's resources: calls per tenant, cluster, hour and caller that named a device or the cluster
-- (reads: GET and HEAD; changes: the rest), kept 400 days.
CREATE TABLE api_cluster_access (
    tenant_id  text   NOT NULL,
    cluster_id text   NOT NULL,
    hour       bigint NOT NULL, -- start, Unix milliseconds
    principal  text   NOT NULL,
    key_id     text   NOT NULL, -- '' for calls with a signed token
    reads      bigint NOT NULL,
    changes    bigint NOT NULL,
    PRIMARY KEY (tenant_id, cluster_id, hour, principal, key_id)
);
