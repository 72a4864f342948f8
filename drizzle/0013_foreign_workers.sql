ALTER TABLE `persons` ADD `passport_no` text;--> statement-breakpoint
ALTER TABLE `persons` ADD `passport_expiry` text;--> statement-breakpoint
CREATE INDEX `persons_passport` ON `persons` (`passport_no`,`nationality`);