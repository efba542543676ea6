ALTER TABLE `outbox` ADD `claim_token` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `claimed_until` integer;