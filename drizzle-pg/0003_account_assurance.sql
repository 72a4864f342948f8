ALTER TABLE "users" ADD COLUMN "assurance" text DEFAULT 'sms' NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "proved_at" bigint;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "thaid_linked_at" bigint;