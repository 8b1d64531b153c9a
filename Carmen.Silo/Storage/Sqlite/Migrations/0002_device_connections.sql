-- Which silo holds each connected device's MQTT connection, so a silo's death takes its devices offline.
ALTER TABLE devices ADD COLUMN connected_via TEXT;
CREATE INDEX devices_connected_via ON devices (connected_via) WHERE connected_via IS NOT NULL;
