-- An Idempotency-Key is compared byte for byte: under the server's case-insensitive collation,
-- "Order-1" and "order-1" were one key, and the second request answered as a replay of the
-- first or as a conflict instead of being created.
ALTER TABLE review_request MODIFY idempotency_key VARCHAR(255) COLLATE utf8mb4_bin NULL;
