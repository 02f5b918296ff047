CREATE TABLE request_tally (
  account_id CHAR(24) NOT NULL,
  loop_id CHAR(24) NOT NULL,
  status VARCHAR(16) NOT NULL,
  priority_rank TINYINT NOT NULL,
  slot TINYINT NOT NULL,
  requests INT NOT NULL,
  PRIMARY KEY (account_id, loop_id, status, priority_rank, slot)
);
CREATE INDEX request_tally_loop ON request_tally (loop_id);

INSERT INTO request_tally (account_id, loop_id, status, priority_rank, slot, requests)
SELECT account_id, loop_id, status, priority_rank, 0, COUNT(*)
FROM review_request
GROUP BY account_id, loop_id, status, priority_rank;
