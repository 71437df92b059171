-- Harvest: a matriculation number may be listed by several sources at once (e.g. two student
-- information system exports). Keyed by (tag_hash, source), each source replaces only its own
-- rows, and a number stays registered while any source still lists it. Lookups by tag_hash
-- alone still use the primary key's index.
ALTER TABLE registration DROP CONSTRAINT registration_pkey;
ALTER TABLE registration ADD PRIMARY KEY (tag_hash, source);

-- the retention job finds applicants by the age of their last signup
CREATE INDEX applicant_retention ON applicant (last_signup_at) WHERE anonymised_at IS NULL;
