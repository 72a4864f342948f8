ALTER TABLE "staff_lookups" ADD COLUMN "passport_no" text;--> statement-breakpoint
ALTER TABLE "staff_lookups" ADD COLUMN "nationality" text;