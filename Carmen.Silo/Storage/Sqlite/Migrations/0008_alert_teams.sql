-- The teams whose territory held an alert's device, as ",1,4," (so one team is found with LIKE '%,1,%').
ALTER TABLE alerts ADD COLUMN team_ids TEXT;
