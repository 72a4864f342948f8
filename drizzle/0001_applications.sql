CREATE TABLE `application_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`application_id` integer NOT NULL,
	`at` integer NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`actor` text NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `application_events_app` ON `application_events` (`application_id`,`at`);--> statement-breakpoint
CREATE TABLE `applications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`ref` text NOT NULL,
	`kind` text NOT NULL,
	`person_id` text NOT NULL,
	`user_id` text NOT NULL,
	`status` text NOT NULL,
	`idempotency_key` text NOT NULL,
	`answers` text NOT NULL,
	`outcome` text NOT NULL,
	`reason` text,
	`submitted_on` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`national_id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `applications_ref_unique` ON `applications` (`ref`);--> statement-breakpoint
CREATE UNIQUE INDEX `applications_idempotency_key_unique` ON `applications` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `applications_person` ON `applications` (`person_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `applications_status` ON `applications` (`kind`,`status`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`transaction_id` text NOT NULL,
	`application_id` integer NOT NULL,
	`amount_satang` integer NOT NULL,
	`paid_on` text NOT NULL,
	`received_at` integer NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payments_transaction_id_unique` ON `payments` (`transaction_id`);--> statement-breakpoint
CREATE TABLE `unemployment_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`application_id` integer NOT NULL,
	`period_no` integer NOT NULL,
	`reported_on` text NOT NULL,
	`still_unemployed` integer NOT NULL,
	`found_work` integer NOT NULL,
	`refused_offer` integer NOT NULL,
	`work_start` text,
	`at` integer NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `unemployment_reports_period` ON `unemployment_reports` (`application_id`,`period_no`);--> statement-breakpoint
ALTER TABLE `benefit_claims` ADD `application_id` integer;--> statement-breakpoint
ALTER TABLE `benefit_claims` ADD `period_no` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `benefit_claims_application_period` ON `benefit_claims` (`application_id`,`period_no`);--> statement-breakpoint
ALTER TABLE `hospitals` ADD `district_th` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `hospitals` ADD `district_en` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `hospitals` ADD `type` text DEFAULT 'public' NOT NULL;