-- OTA: each device's installed and target distribution set, so a set in use is found by one query.
ALTER TABLE devices ADD COLUMN IF NOT EXISTS installed_ds bigint;
ALTER TABLE devices ADD COLUMN IF NOT EXISTS target_ds bigint;
CREATE INDEX IF NOT EXISTS devices_installed_ds ON devices (tenant_id, installed_ds) WHERE installed_ds IS NOT NULL;
CREATE INDEX IF NOT EXISTS devices_target_ds ON devices (tenant_id, target_ds) WHERE target_ds IS NOT NULL;
