ALTER TABLE "persons" ADD COLUMN "passport_no" text;--> statement-breakpoint
ALTER TABLE "persons" ADD COLUMN "passport_expiry" text;--> statement-breakpoint
CREATE INDEX "persons_passport" ON "persons" USING btree ("passport_no","nationality");