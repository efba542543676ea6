ALTER TABLE `participants` ADD `bio_translation` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `participants` ADD `bio_translation_language` text;