-- ThingsBoard gateways: whether a device is one, and the gateway a child is behind (listed with ?gatewayId=).
ALTER TABLE devices ADD COLUMN IF NOT EXISTS is_gateway boolean NOT NULL DEFAULT false;
ALTER TABLE devices ADD COLUMN IF NOT EXISTS gateway_id text COLLATE "C";
CREATE INDEX IF NOT EXISTS ix_devices_gateway ON devices (tenant_id, gateway_id, name_key, device_id) WHERE gateway_id IS NOT NULL;
