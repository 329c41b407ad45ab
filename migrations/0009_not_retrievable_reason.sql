-- Why a report could not be retrieved (issue 17): the owner gives it when marking the report
-- not retrievable; it is cleared when the report is retrieved after all. Reports marked before
-- this migration keep a null reason (their note, if any, says what was known).
ALTER TABLE fulltext_reports ADD COLUMN not_retrievable_reason TEXT;
