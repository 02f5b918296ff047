CREATE TABLE review_request (
  id CHAR(24) NOT NULL PRIMARY KEY,
  account_id CHAR(24) NOT NULL,
  loop_id CHAR(24) NOT NULL,
  api_key_id CHAR(24) NULL,
  processing_type VARCHAR(16) NOT NULL,
  content_type VARCHAR(16) NOT NULL,
  priority VARCHAR(16) NOT NULL,
  priority_rank TINYINT NOT NULL,
  request_text TEXT NOT NULL,
  image_url VARCHAR(2048) NULL,
  context MEDIUMTEXT NULL,
  platform VARCHAR(50) NOT NULL,
  platform_version VARCHAR(50) NULL,
  response_type VARCHAR(16) NOT NULL,
  response_config MEDIUMTEXT NOT NULL,
  default_response MEDIUMTEXT NOT NULL,
  timeout_at DATETIME(6) NOT NULL,
  callback_url VARCHAR(2048) NULL,
  tags TEXT NOT NULL,
  status VARCHAR(16) NOT NULL,
  claimed_by CHAR(24) NULL,
  claimed_at DATETIME(6) NULL,
  claim_expires_at DATETIME(6) NULL,
  response_by CHAR(24) NULL,
  response_at DATETIME(6) NULL,
  response_data MEDIUMTEXT NULL,
  response_source VARCHAR(16) NULL,
  cancelled_at DATETIME(6) NULL,
  cancel_reason VARCHAR(500) NULL,
  feedback TEXT NULL,
  feedback_id CHAR(24) NULL,
  feedback_at DATETIME(6) NULL,
  quota_key_id CHAR(24) NULL,
  quota_hour DATETIME NULL,
  idempotency_key VARCHAR(255) NULL,
  idempotency_hash CHAR(64) NULL,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL,
  version INT NOT NULL
);
CREATE INDEX review_request_account_created ON review_request (account_id, created_at, id);
CREATE INDEX review_request_account_status ON review_request (account_id, status, created_at, id);
CREATE INDEX review_request_account_loop ON review_request (account_id, loop_id, created_at, id);
CREATE INDEX review_request_account_priority ON review_request (account_id, priority_rank, created_at, id);
CREATE INDEX review_request_loop_queue ON review_request (loop_id, status, priority_rank, created_at);
CREATE INDEX review_request_timeout ON review_request (status, timeout_at);
CREATE INDEX review_request_claim_expiry ON review_request (status, claim_expires_at);
CREATE INDEX review_request_claimed_by ON review_request (claimed_by, status);
CREATE INDEX review_request_response_by ON review_request (response_by, response_at);
CREATE UNIQUE INDEX review_request_idempotency ON review_request (account_id, idempotency_key);

CREATE TABLE request_event (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  request_id CHAR(24) NOT NULL,
  actor_id CHAR(24) NULL,
  actor_kind VARCHAR(16) NOT NULL,
  action VARCHAR(32) NOT NULL,
  from_status VARCHAR(16) NULL,
  to_status VARCHAR(16) NULL,
  details TEXT NULL,
  created_at DATETIME(6) NOT NULL
);
CREATE INDEX request_event_request ON request_event (request_id, id);
