-- OTA: each device's installed and target distribution set, so a set in use is found by one query.
ALTER TABLE devices ADD COLUMN installed_ds INTEGER;
ALTER TABLE devices ADD COLUMN target_ds INTEGER;
CREATE INDEX devices_installed_ds ON devices (tenant_id, installed_ds) WHERE installed_ds IS NOT NULL;
CREATE INDEX devices_target_ds ON devices (tenant_id, target_ds) WHERE target_ds IS NOT NULL;
