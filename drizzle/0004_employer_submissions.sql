CREATE TABLE `employer_submission_rows` (
	`submission_id` integer NOT NULL,
	`line_no` integer NOT NULL,
	`national_id` text NOT NULL,
	`title` text DEFAULT '' NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`wage_satang` integer NOT NULL,
	`wage_base_satang` integer NOT NULL,
	`insured_satang` integer NOT NULL,
	`employer_satang` integer NOT NULL,
	`government_satang` integer NOT NULL,
	PRIMARY KEY(`submission_id`, `line_no`),
	FOREIGN KEY (`submission_id`) REFERENCES `employer_submissions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `employer_submissions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`txn_no` text,
	`employer_id` integer NOT NULL,
	`period` text NOT NULL,
	`status` text NOT NULL,
	`format` text NOT NULL,
	`file_name` text DEFAULT '' NOT NULL,
	`file_sha256` text DEFAULT '' NOT NULL,
	`uploaded_by` text,
	`uploaded_at` integer NOT NULL,
	`payment_date` text NOT NULL,
	`rate_bp` integer NOT NULL,
	`persons` integer NOT NULL,
	`wages_satang` integer NOT NULL,
	`wage_base_satang` integer NOT NULL,
	`employee_satang` integer NOT NULL,
	`employer_satang` integer NOT NULL,
	`confirmed_at` integer,
	`confirmed_by` text,
	`late` integer DEFAULT false NOT NULL,
	`replaced_at` integer,
	`replaced_by_id` integer,
	FOREIGN KEY (`employer_id`) REFERENCES `employers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `employer_submissions_txn_no_unique` ON `employer_submissions` (`txn_no`);--> statement-breakpoint
CREATE INDEX `employer_submissions_employer` ON `employer_submissions` (`employer_id`,`period`,`status`);--> statement-breakpoint
ALTER TABLE `contributions` ADD `submission_id` integer;--> statement-breakpoint
CREATE INDEX `contributions_payer_period` ON `contributions` (`payer`,`period`);--> statement-breakpoint
ALTER TABLE `staff_users` ADD `employer_id` integer REFERENCES employers(id);