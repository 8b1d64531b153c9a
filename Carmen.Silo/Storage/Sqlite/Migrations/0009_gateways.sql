-- ThingsBoard gateways: whether a device is one, and the gateway a child is behind (listed with ?gatewayId=).
ALTER TABLE devices ADD COLUMN is_gateway INTEGER NOT NULL DEFAULT 0;
ALTER TABLE devices ADD COLUMN gateway_id TEXT;
CREATE INDEX ix_devices_gateway ON devices (tenant_id, gateway_id, name_key, device_id) WHERE gateway_id IS NOT NULL;
