CREATE TABLE `lobby_attendance` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`session_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`joined_at` integer NOT NULL,
	`admitted_at` integer,
	`left_at` integer,
	`removed_at` integer,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `lobby_attendance_session_idx` ON `lobby_attendance` (`session_id`,`participant_id`);--> statement-breakpoint
CREATE INDEX `lobby_attendance_open_idx` ON `lobby_attendance` (`left_at`);--> statement-breakpoint
CREATE TABLE `lobby_chat` (
	`id` text PRIMARY KEY NOT NULL,
	`session_id` text NOT NULL,
	`participant_id` text,
	`from_name` text NOT NULL,
	`text` text NOT NULL,
	`at` integer NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `lobby_chat_session_idx` ON `lobby_chat` (`session_id`,`at`);--> statement-breakpoint
ALTER TABLE `sessions` ADD `live_at` integer;--> statement-breakpoint
ALTER TABLE `sessions` ADD `ended_at` integer;