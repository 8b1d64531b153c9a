-- When a device's time-based alert (offline, noData, forSeconds) next comes due while the device is offline (Unix ms),
-- so a sweep can wake a device whose grain, and timer, were lost with a silo. Only pending devices have a value.
ALTER TABLE devices ADD COLUMN alert_due_at INTEGER;
CREATE INDEX devices_alert_due ON devices (alert_due_at) WHERE alert_due_at IS NOT NULL;
