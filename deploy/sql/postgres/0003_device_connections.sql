-- Which silo holds each connected device's MQTT connection, so a silo's death takes its devices offline.
ALTER TABLE devices ADD COLUMN IF NOT EXISTS connected_via text COLLATE "C";
CREATE INDEX IF NOT EXISTS devices_connected_via ON devices (connected_via) WHERE connected_via IS NOT NULL;
