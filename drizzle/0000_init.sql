CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`subject` text,
	`ip` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_subject` ON `audit_log` (`subject`,`at`);--> statement-breakpoint
CREATE TABLE `benefit_claims` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` text NOT NULL,
	`kind` text NOT NULL,
	`claim_date` text NOT NULL,
	`start_date` text,
	`end_date` text,
	`amount_satang` integer NOT NULL,
	`status` text NOT NULL,
	`paid_date` text,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`national_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `benefit_claims_person` ON `benefit_claims` (`person_id`);--> statement-breakpoint
CREATE TABLE `contributions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` text NOT NULL,
	`period` text NOT NULL,
	`section` integer NOT NULL,
	`employer_id` integer,
	`payer` text NOT NULL,
	`wage_base_satang` integer NOT NULL,
	`insured_satang` integer NOT NULL,
	`employer_satang` integer NOT NULL,
	`government_satang` integer NOT NULL,
	`paid_date` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`national_id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employer_id`) REFERENCES `employers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contributions_person_period_payer` ON `contributions` (`person_id`,`period`,`payer`);--> statement-breakpoint
CREATE TABLE `coverages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` text NOT NULL,
	`section` integer NOT NULL,
	`s40_option` integer,
	`start_date` text NOT NULL,
	`end_date` text,
	`end_reason` text,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`national_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `coverages_person` ON `coverages` (`person_id`);--> statement-breakpoint
CREATE TABLE `employers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`account_no` text NOT NULL,
	`branch` text NOT NULL,
	`name_th` text NOT NULL,
	`name_en` text NOT NULL,
	`province` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `employers_account_branch` ON `employers` (`account_no`,`branch`);--> statement-breakpoint
CREATE TABLE `employments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` text NOT NULL,
	`employer_id` integer NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text,
	`end_reason` text,
	`monthly_wage_satang` integer NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`national_id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`employer_id`) REFERENCES `employers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `employments_person` ON `employments` (`person_id`);--> statement-breakpoint
CREATE TABLE `flow_drafts` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`data` text NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `hospital_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` text NOT NULL,
	`hospital_code` text NOT NULL,
	`valid_from` text NOT NULL,
	`valid_to` text,
	`as_of` text NOT NULL,
	FOREIGN KEY (`person_id`) REFERENCES `persons`(`national_id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`hospital_code`) REFERENCES `hospitals`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `hospital_assignments_person` ON `hospital_assignments` (`person_id`);--> statement-breakpoint
CREATE TABLE `hospitals` (
	`code` text PRIMARY KEY NOT NULL,
	`name_th` text NOT NULL,
	`name_en` text NOT NULL,
	`province` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `login_throttle` (
	`national_id` text PRIMARY KEY NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`locked_until` integer
);
--> statement-breakpoint
CREATE TABLE `otp_challenges` (
	`id` text PRIMARY KEY NOT NULL,
	`purpose` text NOT NULL,
	`phone` text NOT NULL,
	`subject` text NOT NULL,
	`codes` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`last_sent_at` integer NOT NULL,
	`sends` integer DEFAULT 1 NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`consumed_at` integer,
	`ip` text,
	`payload` text
);
--> statement-breakpoint
CREATE INDEX `otp_challenges_phone` ON `otp_challenges` (`phone`,`created_at`);--> statement-breakpoint
CREATE TABLE `persons` (
	`national_id` text PRIMARY KEY NOT NULL,
	`title_th` text NOT NULL,
	`first_name_th` text NOT NULL,
	`last_name_th` text NOT NULL,
	`title_en` text NOT NULL,
	`first_name_en` text NOT NULL,
	`last_name_en` text NOT NULL,
	`birth_date` text NOT NULL,
	`gender` text NOT NULL,
	`nationality` text DEFAULT 'TH' NOT NULL
);
--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text NOT NULL,
	`window_start` integer NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`key`, `window_start`)
);
--> statement-breakpoint
CREATE TABLE `rate_periods` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`section` integer NOT NULL,
	`s40_option` integer,
	`from_period` text NOT NULL,
	`to_period` text,
	`insured_rate_bp` integer,
	`employer_rate_bp` integer,
	`government_rate_bp` integer,
	`floor_satang` integer,
	`ceiling_satang` integer,
	`flat_insured_satang` integer,
	`flat_government_satang` integer
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`ip` text,
	`user_agent` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE TABLE `sms_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_at` integer NOT NULL,
	`provider` text NOT NULL,
	`to_phone` text NOT NULL,
	`body` text NOT NULL,
	`purpose` text NOT NULL,
	`status` text NOT NULL,
	`provider_message_id` text,
	`error` text
);
--> statement-breakpoint
CREATE INDEX `sms_outbox_phone` ON `sms_outbox` (`to_phone`,`created_at`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`national_id` text NOT NULL,
	`phone` text NOT NULL,
	`password_hash` text NOT NULL,
	`phone_verified_at` integer NOT NULL,
	`terms_version` text NOT NULL,
	`terms_accepted_at` integer NOT NULL,
	`locale` text DEFAULT 'th' NOT NULL,
	`seen_period` text,
	`password_changed_at` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`national_id`) REFERENCES `persons`(`national_id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_national_id_unique` ON `users` (`national_id`);