-- Files may also live in an S3-compatible bucket (FILE_STORAGE=s3); the row keeps the hash,
-- which is the object's key under S3_PREFIX.
ALTER TABLE stored_files DROP CONSTRAINT IF EXISTS stored_files_storage_check;
ALTER TABLE stored_files ADD CONSTRAINT stored_files_storage_check CHECK (storage IN ('database','disk','s3'));
