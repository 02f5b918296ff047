CREATE TABLE webhook_endpoint (
  id CHAR(24) NOT NULL PRIMARY KEY,
  account_id CHAR(24) NOT NULL,
  url VARCHAR(2048) NOT NULL,
  description VARCHAR(500) NOT NULL,
  events VARCHAR(200) NOT NULL,
  secret VARCHAR(100) NOT NULL,
  enabled BOOLEAN NOT NULL,
  disabled_reason VARCHAR(200) NULL,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL
);
CREATE INDEX webhook_endpoint_account ON webhook_endpoint (account_id, created_at);
