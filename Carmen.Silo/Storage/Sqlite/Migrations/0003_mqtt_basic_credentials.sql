-- MQTT basic credentials: a device found by its MQTT username, or by its client id when it has no username.
ALTER TABLE devices ADD COLUMN mqtt_username TEXT;
ALTER TABLE devices ADD COLUMN mqtt_client_id TEXT;
CREATE UNIQUE INDEX devices_mqtt_username ON devices (mqtt_username) WHERE mqtt_username IS NOT NULL;
CREATE UNIQUE INDEX devices_mqtt_client_id ON devices (mqtt_client_id) WHERE mqtt_client_id IS NOT NULL AND mqtt_username IS NULL;
