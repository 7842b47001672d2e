-- Who deployed a version, by the name the pages show (issue 18): deployed_by keeps the sign-in's id for the audit
-- trail; the name is what the sign-in said of the person then, null where it said nothing (rows before this).
alter table deployments add column deployed_by_name text check (char_length(deployed_by_name) between 1 and 100);
