-- Files may live on disk (FILE_STORAGE=disk, under DATA_DIR/files, content-addressed)
-- instead of in the database; the row then keeps only their address.
ALTER TABLE stored_files ADD COLUMN storage text NOT NULL DEFAULT 'database' CHECK (storage IN ('database','disk'));
ALTER TABLE stored_files ALTER COLUMN content DROP NOT NULL;
