-- Removing an empty section leaves its archived measures without a section. The database does
-- it (ON DELETE SET NULL) instead of the plans module writing the measures table, which
-- modules/measures alone writes (test/architecture.test.ts). Like any update of measures it
-- bumps the data versions (triggers of 0007 and 0010 fire for the referential action too).
ALTER TABLE measures DROP CONSTRAINT measures_section_id_fkey;
ALTER TABLE measures ADD CONSTRAINT measures_section_id_fkey FOREIGN KEY (section_id) REFERENCES sections(id) ON DELETE SET NULL;
