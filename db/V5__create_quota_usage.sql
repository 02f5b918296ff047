CREATE TABLE quota_usage (
  api_key_id CHAR(24) NOT NULL,
  hour_start DATETIME NOT NULL,
  account_id CHAR(24) NOT NULL,
  used INT NOT NULL,
  PRIMARY KEY (api_key_id, hour_start)
);
CREATE INDEX quota_usage_account_hour ON quota_usage (account_id, hour_start);
