CREATE TABLE loop_team (
  id CHAR(24) NOT NULL PRIMARY KEY,
  owner_id CHAR(24) NOT NULL,
  name VARCHAR(100) NOT NULL,
  description VARCHAR(500) NOT NULL,
  icon VARCHAR(100) NOT NULL,
  invite_code VARCHAR(32) NOT NULL,
  created_at DATETIME(6) NOT NULL,
  updated_at DATETIME(6) NOT NULL
);
CREATE UNIQUE INDEX loop_team_invite_code ON loop_team (invite_code);
CREATE INDEX loop_team_owner ON loop_team (owner_id, created_at);

CREATE TABLE loop_member (
  loop_id CHAR(24) NOT NULL,
  account_id CHAR(24) NOT NULL,
  role VARCHAR(16) NOT NULL,
  status VARCHAR(16) NOT NULL,
  joined_at DATETIME(6) NOT NULL,
  PRIMARY KEY (loop_id, account_id)
);
CREATE INDEX loop_member_account ON loop_member (account_id, status);
