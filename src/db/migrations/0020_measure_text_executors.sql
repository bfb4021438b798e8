-- Executors a document names only in words («некоммерческие организации (по согласованию)»,
-- «… с привлечением ресурсных центров НКО»): kept on the measure as printed, without an
-- organisation in the directory, so that an import creates no organisation from a phrase.
-- They owe no reports (reports are owed by organisations); they are shown and exported.
ALTER TABLE measures ADD COLUMN text_executors text[] NOT NULL DEFAULT '{}';
