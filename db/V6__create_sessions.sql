CREATE TABLE web_session (
  token_hash CHAR(64) NOT NULL PRIMARY KEY,
  account_id CHAR(24) NOT NULL,
  csrf_token CHAR(43) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  expires_at DATETIME(6) NOT NULL
);
CREATE INDEX web_session_account ON web_session (account_id);
CREATE INDEX web_session_expiry ON web_session (expires_at);

CREATE TABLE login_throttle (
  email VARCHAR(254) NOT NULL PRIMARY KEY,
  failures INT NOT NULL,
  last_failure_at DATETIME(6) NOT NULL
);
