CREATE TABLE `event_meetings` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`a_id` text NOT NULL,
	`b_id` text NOT NULL,
	`request_id` text,
	`weight` integer DEFAULT 1 NOT NULL,
	`must_meet` integer DEFAULT false NOT NULL,
	`slot_id` text,
	`locked` integer DEFAULT false NOT NULL,
	`reason` text,
	`session_id` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`a_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`b_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`request_id`) REFERENCES `meeting_requests`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `event_meetings_pair_unique` ON `event_meetings` (`event_id`,`a_id`,`b_id`);--> statement-breakpoint
CREATE INDEX `event_meetings_a_idx` ON `event_meetings` (`a_id`);--> statement-breakpoint
CREATE INDEX `event_meetings_b_idx` ON `event_meetings` (`b_id`);--> statement-breakpoint
CREATE TABLE `event_participants` (
	`event_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`unavailable` text NOT NULL,
	`joined_at` integer NOT NULL,
	PRIMARY KEY(`event_id`, `participant_id`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `event_participants_person_idx` ON `event_participants` (`participant_id`);--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`time_zone` text NOT NULL,
	`days` text NOT NULL,
	`windows` text NOT NULL,
	`slot_minutes` integer NOT NULL,
	`break_minutes` integer NOT NULL,
	`parallel_limit` integer,
	`join_policy` text NOT NULL,
	`created_by` text,
	`scheduled_at` integer,
	`published_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null
);
