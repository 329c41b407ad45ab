-- Issue 17, item 9: an excerpt that is an illustrative example, not a quotation of the study
-- (the demo review writes such examples for studies whose own text does not show the code).
-- The flag travels with the excerpt into the consensus and the synthesis, and is shown beside it.
ALTER TABLE code_applications ADD COLUMN illustrative INTEGER NOT NULL DEFAULT 0;
ALTER TABLE consensus_applications ADD COLUMN illustrative INTEGER NOT NULL DEFAULT 0;
