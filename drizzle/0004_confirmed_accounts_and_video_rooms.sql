ALTER TABLE `participants` ADD `confirmed_at` integer;--> statement-breakpoint
-- Accounts from before confirmation existed keep working as they did.
UPDATE `participants` SET `confirmed_at` = `created_at`;--> statement-breakpoint
ALTER TABLE `sessions` ADD `video_room` text DEFAULT '' NOT NULL;--> statement-breakpoint
-- Sessions booked before get a random room too: their old room name was their visible id.
UPDATE `sessions` SET `video_room` = lower(hex(randomblob(16))) WHERE `video_room` = '';
