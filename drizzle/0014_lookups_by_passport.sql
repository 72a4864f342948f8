ALTER TABLE `staff_lookups` ADD `passport_no` text;--> statement-breakpoint
ALTER TABLE `staff_lookups` ADD `nationality` text;