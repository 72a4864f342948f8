CREATE TABLE `hospital_networks` (
	`main_code` text NOT NULL,
	`member_code` text NOT NULL,
	PRIMARY KEY(`main_code`, `member_code`),
	FOREIGN KEY (`main_code`) REFERENCES `hospitals`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`member_code`) REFERENCES `hospitals`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `staff_lookups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`staff_id` text NOT NULL,
	`username` text NOT NULL,
	`role` text NOT NULL,
	`place` text NOT NULL,
	`national_id` text NOT NULL,
	`method` text NOT NULL,
	`reason` text,
	`view` text NOT NULL,
	`found` integer NOT NULL,
	`ip` text,
	FOREIGN KEY (`staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `staff_lookups_person` ON `staff_lookups` (`national_id`,`at`);--> statement-breakpoint
CREATE INDEX `staff_lookups_at` ON `staff_lookups` (`at`);--> statement-breakpoint
CREATE TABLE `staff_session_ends` (
	`id` text PRIMARY KEY NOT NULL,
	`reason` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `staff_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`staff_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`ip` text,
	`user_agent` text,
	`citizen_id` text,
	`citizen_method` text,
	`citizen_reason` text,
	`citizen_at` integer,
	FOREIGN KEY (`staff_id`) REFERENCES `staff_users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_sessions_staff_id_unique` ON `staff_sessions` (`staff_id`);--> statement-breakpoint
CREATE TABLE `staff_users` (
	`id` text PRIMARY KEY NOT NULL,
	`username` text NOT NULL,
	`role` text NOT NULL,
	`first_name` text NOT NULL,
	`last_name` text NOT NULL,
	`position` text DEFAULT '' NOT NULL,
	`centre` text,
	`hospital_code` text,
	`phone` text,
	`office_phone` text DEFAULT '' NOT NULL,
	`email` text DEFAULT '' NOT NULL,
	`password_hash` text,
	`activation_hash` text,
	`activation_expires_at` integer,
	`created_at` integer NOT NULL,
	`activated_at` integer,
	`last_login_at` integer,
	`enabled_at` integer,
	`disabled_at` integer,
	`disabled_reason` text,
	FOREIGN KEY (`hospital_code`) REFERENCES `hospitals`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_users_username_unique` ON `staff_users` (`username`);--> statement-breakpoint
-- demo networks for a registry seeded before this migration (the seed does the same): in each province the first public
-- hospital is the main contractor of the others
INSERT OR IGNORE INTO hospital_networks (main_code, member_code)
SELECT m.code, h.code FROM hospitals h JOIN hospitals m ON m.province = h.province
WHERE h.code <> m.code AND m.code = (SELECT min(x.code) FROM hospitals x WHERE x.province = h.province AND x.type = 'public');
