-- MQTT basic credentials: a device found by its MQTT username, or by its client id when it has no username.
ALTER TABLE devices ADD COLUMN IF NOT EXISTS mqtt_username text COLLATE "C";
ALTER TABLE devices ADD COLUMN IF NOT EXISTS mqtt_client_id text COLLATE "C";
CREATE UNIQUE INDEX IF NOT EXISTS devices_mqtt_username ON devices (mqtt_username) WHERE mqtt_username IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS devices_mqtt_client_id ON devices (mqtt_client_id) WHERE mqtt_client_id IS NOT NULL AND mqtt_username IS NULL;
