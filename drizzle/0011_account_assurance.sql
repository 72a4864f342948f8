ALTER TABLE `users` ADD `assurance` text DEFAULT 'sms' NOT NULL;--> statement-breakpoint
ALTER TABLE `users` ADD `proved_at` integer;--> statement-breakpoint
ALTER TABLE `users` ADD `thaid_linked_at` integer;