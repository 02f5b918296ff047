CREATE TABLE webhook_event (
  id CHAR(24) NOT NULL PRIMARY KEY,
  account_id CHAR(24) NOT NULL,
  request_id CHAR(24) NULL,
  request_seq INT NOT NULL,
  event VARCHAR(32) NOT NULL,
  payload MEDIUMTEXT NOT NULL,
  created_at DATETIME(6) NOT NULL
);
CREATE UNIQUE INDEX webhook_event_request ON webhook_event (request_id, request_seq);

CREATE TABLE webhook_delivery (
  id CHAR(24) NOT NULL PRIMARY KEY,
  event_id CHAR(24) NOT NULL,
  account_id CHAR(24) NOT NULL,
  request_id CHAR(24) NULL,
  request_seq INT NOT NULL,
  event VARCHAR(32) NOT NULL,
  endpoint_id CHAR(24) NULL,
  url VARCHAR(2048) NOT NULL,
  status VARCHAR(16) NOT NULL,
  attempt_count INT NOT NULL,
  next_attempt_at DATETIME(6) NULL,
  lease_token CHAR(24) NULL,
  lease_expires_at DATETIME(6) NULL,
  last_status_code INT NULL,
  last_error VARCHAR(500) NULL,
  delivered_at DATETIME(6) NULL,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (status, next_attempt_at);
CREATE INDEX webhook_delivery_request ON webhook_delivery (request_id, request_seq);
CREATE INDEX webhook_delivery_endpoint ON webhook_delivery (endpoint_id, created_at);
CREATE INDEX webhook_delivery_account ON webhook_delivery (account_id, created_at);
CREATE INDEX webhook_delivery_lease ON webhook_delivery (lease_token);

CREATE TABLE webhook_attempt (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  delivery_id CHAR(24) NOT NULL,
  attempt_number INT NOT NULL,
  worker VARCHAR(64) NOT NULL,
  attempted_at DATETIME(6) NOT NULL,
  duration_ms INT NOT NULL,
  status_code INT NULL,
  response_excerpt TEXT NULL,
  error VARCHAR(500) NULL
);
CREATE INDEX webhook_attempt_delivery ON webhook_attempt (delivery_id, id);
