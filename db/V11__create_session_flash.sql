-- One-time notes for a browser's next page, such as a new API key's secret after the redirect
-- that follows its creation. Sealed with a key derived from the session token, which only the
-- browser holds; the row is deleted when it is shown.
CREATE TABLE session_flash (
  token_hash CHAR(64) NOT NULL,
  name VARCHAR(40) NOT NULL,
  sealed VARCHAR(4000) NOT NULL,
  expires_at DATETIME(6) NOT NULL,
  PRIMARY KEY (token_hash, name)
);
CREATE INDEX session_flash_expiry ON session_flash (expires_at);
