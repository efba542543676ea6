ALTER TABLE "participants" ADD COLUMN "bio_translation" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "participants" ADD COLUMN "bio_translation_language" text;