-- The hourly limit of the key as of the latest unit it took. The table itself refuses a unit
-- beyond it, so a create can send the taking of its unit together with its COMMIT: over the
-- limit, that statement fails and the database runs nothing after it, the commit included.
-- Rows written before this column existed hold NULL, which the check lets pass.
ALTER TABLE quota_usage ADD COLUMN allowed INT NULL;
ALTER TABLE quota_usage ADD CONSTRAINT quota_usage_within_limit CHECK (used <= allowed);
