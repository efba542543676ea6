CREATE TABLE `hidden_participants` (
	`participant_id` text NOT NULL,
	`hidden_id` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`participant_id`, `hidden_id`),
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`hidden_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `hidden_participants_hidden_idx` ON `hidden_participants` (`hidden_id`);--> statement-breakpoint
CREATE TABLE `logins` (
	`id_hash` text PRIMARY KEY NOT NULL,
	`participant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`user_agent` text,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `logins_participant_idx` ON `logins` (`participant_id`);--> statement-breakpoint
CREATE TABLE `meeting_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`from_id` text NOT NULL,
	`to_id` text NOT NULL,
	`message` text DEFAULT '' NOT NULL,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`responded_at` integer,
	`expires_at` integer NOT NULL,
	FOREIGN KEY (`from_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`to_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `meeting_requests_from_idx` ON `meeting_requests` (`from_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `meeting_requests_to_idx` ON `meeting_requests` (`to_id`,`status`);--> statement-breakpoint
CREATE UNIQUE INDEX `meeting_requests_one_open` ON `meeting_requests` (`from_id`,`to_id`) WHERE status = 'pending';--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`message_id` text NOT NULL,
	`kind` text NOT NULL,
	`to_address` text NOT NULL,
	`to_name` text DEFAULT '' NOT NULL,
	`subject` text NOT NULL,
	`text` text NOT NULL,
	`html` text NOT NULL,
	`ical` text,
	`ical_method` text,
	`status` text NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`participant_id` text,
	`session_id` text,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_message_id_unique` ON `outbox` (`message_id`);--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_to_idx` ON `outbox` (`to_address`,`created_at`);--> statement-breakpoint
CREATE TABLE `participant_interests` (
	`participant_id` text NOT NULL,
	`interest_id` text NOT NULL,
	`direction` text NOT NULL,
	PRIMARY KEY(`participant_id`, `interest_id`, `direction`),
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `participant_interests_interest_idx` ON `participant_interests` (`interest_id`,`direction`);--> statement-breakpoint
CREATE TABLE `participant_languages` (
	`participant_id` text NOT NULL,
	`language` text NOT NULL,
	`position` integer NOT NULL,
	PRIMARY KEY(`participant_id`, `language`),
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `participant_languages_lang_idx` ON `participant_languages` (`language`);--> statement-breakpoint
CREATE TABLE `participant_sectors` (
	`participant_id` text NOT NULL,
	`sector_id` text NOT NULL,
	PRIMARY KEY(`participant_id`, `sector_id`),
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `participant_sectors_sector_idx` ON `participant_sectors` (`sector_id`);--> statement-breakpoint
CREATE TABLE `participants` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`name` text NOT NULL,
	`organisation` text NOT NULL,
	`city` text NOT NULL,
	`country` text NOT NULL,
	`side` text NOT NULL,
	`time_zone` text NOT NULL,
	`bio` text DEFAULT '' NOT NULL,
	`role` text DEFAULT 'participant' NOT NULL,
	`locale` text DEFAULT 'en' NOT NULL,
	`calendar_salt` text,
	`calendar_token_hash` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `participants_email_unique` ON `participants` (`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `participants_calendar_token_unique` ON `participants` (`calendar_token_hash`);--> statement-breakpoint
CREATE INDEX `participants_side_idx` ON `participants` (`side`);--> statement-breakpoint
CREATE TABLE `session_people` (
	`session_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`role` text NOT NULL,
	`partstat` text DEFAULT 'NEEDS-ACTION' NOT NULL,
	`start_at` integer NOT NULL,
	`end_at` integer NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	PRIMARY KEY(`session_id`, `participant_id`),
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `session_people_busy_idx` ON `session_people` (`participant_id`,`active`,`start_at`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`start_at` integer NOT NULL,
	`end_at` integer NOT NULL,
	`status` text NOT NULL,
	`sequence` integer DEFAULT 0 NOT NULL,
	`uid` text NOT NULL,
	`video_url` text,
	`created_by` text,
	`request_id` text,
	`event_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`request_id`) REFERENCES `meeting_requests`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sessions_uid_unique` ON `sessions` (`uid`);--> statement-breakpoint
CREATE INDEX `sessions_start_idx` ON `sessions` (`start_at`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sign_in_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`participant_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sign_in_tokens_participant_idx` ON `sign_in_tokens` (`participant_id`);--> statement-breakpoint
CREATE TABLE `working_hours` (
	`participant_id` text NOT NULL,
	`day` integer NOT NULL,
	`start_minute` integer NOT NULL,
	`end_minute` integer NOT NULL,
	PRIMARY KEY(`participant_id`, `day`, `start_minute`),
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
