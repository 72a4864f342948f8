CREATE TABLE `login_devices` (
	`key` text NOT NULL,
	`device` text NOT NULL,
	`failed` integer DEFAULT 0 NOT NULL,
	`locked_until` integer,
	`signed_in_at` integer NOT NULL,
	PRIMARY KEY(`key`, `device`)
);
--> statement-breakpoint
CREATE INDEX `login_devices_signed_in` ON `login_devices` (`signed_in_at`);