DROP INDEX "participants_email_unique";--> statement-breakpoint
ALTER TABLE "participants" ADD COLUMN "erased_at" bigint;--> statement-breakpoint
CREATE UNIQUE INDEX "participants_email_unique" ON "participants" USING btree ("email") WHERE erased_at IS NULL;