CREATE TABLE api_key (
  id CHAR(24) NOT NULL PRIMARY KEY,
  account_id CHAR(24) NOT NULL,
  name VARCHAR(100) NOT NULL,
  prefix VARCHAR(16) NOT NULL,
  secret_hash CHAR(64) NOT NULL,
  permissions VARCHAR(200) NOT NULL,
  hourly_limit INT NULL,
  created_at DATETIME(6) NOT NULL,
  last_used_at DATETIME(6) NULL,
  revoked_at DATETIME(6) NULL
);
CREATE UNIQUE INDEX api_key_secret_hash ON api_key (secret_hash);
CREATE INDEX api_key_account ON api_key (account_id, created_at);
