-- The data-protection key ring every silo shares: one XML element per key, its master key encrypted with the key
-- encryption key from configuration (never stored here).
CREATE TABLE IF NOT EXISTS carmen_data_protection_keys (
    friendly_name text PRIMARY KEY,
    xml text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
