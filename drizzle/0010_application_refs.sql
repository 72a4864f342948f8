CREATE TABLE `application_refs` (
	`prefix` text PRIMARY KEY NOT NULL,
	`last` integer NOT NULL
);
--> statement-breakpoint
-- the numbers already given: each kind and year continues from its highest reference
INSERT INTO application_refs (prefix, last) SELECT substr(ref, 1, 9), max(CAST(substr(ref, 10) AS integer)) FROM applications GROUP BY substr(ref, 1, 9);
