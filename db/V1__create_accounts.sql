CREATE TABLE account (
  id CHAR(24) NOT NULL PRIMARY KEY,
  email VARCHAR(254) NOT NULL,
  name VARCHAR(100) NOT NULL,
  password_hash VARCHAR(255) NOT NULL,
  status VARCHAR(16) NOT NULL,
  signing_secret VARCHAR(100) NOT NULL,
  created_at DATETIME(6) NOT NULL
);
CREATE UNIQUE INDEX account_email ON account (email);
