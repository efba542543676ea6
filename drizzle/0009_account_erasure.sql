DROP INDEX `participants_email_unique`;--> statement-breakpoint
ALTER TABLE `participants` ADD `erased_at` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `participants_email_unique` ON `participants` (`email`) WHERE erased_at IS NULL;