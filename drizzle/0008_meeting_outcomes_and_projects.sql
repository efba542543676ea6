CREATE TABLE `project_partners` (
	`project_id` text NOT NULL,
	`participant_id` text NOT NULL,
	PRIMARY KEY(`project_id`, `participant_id`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `project_partners_participant_idx` ON `project_partners` (`participant_id`);--> statement-breakpoint
CREATE TABLE `project_sectors` (
	`project_id` text NOT NULL,
	`sector_id` text NOT NULL,
	PRIMARY KEY(`project_id`, `sector_id`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `project_sessions` (
	`project_id` text NOT NULL,
	`session_id` text NOT NULL,
	PRIMARY KEY(`project_id`, `session_id`),
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `project_stages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`project_id` text NOT NULL,
	`stage` text NOT NULL,
	`at` integer NOT NULL,
	`changed_by` text,
	FOREIGN KEY (`project_id`) REFERENCES `projects`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`changed_by`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `project_stages_project_idx` ON `project_stages` (`project_id`,`at`);--> statement-breakpoint
CREATE TABLE `projects` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`summary` text DEFAULT '' NOT NULL,
	`stage` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `projects_stage_idx` ON `projects` (`stage`);--> statement-breakpoint
CREATE TABLE `session_outcomes` (
	`session_id` text NOT NULL,
	`participant_id` text NOT NULL,
	`result` text,
	`note` text DEFAULT '' NOT NULL,
	`answered_at` integer,
	`stage` text,
	`stage_note` text DEFAULT '' NOT NULL,
	`stage_answered_at` integer,
	`asked_at` integer,
	`follow_up_asked_at` integer,
	PRIMARY KEY(`session_id`, `participant_id`),
	FOREIGN KEY (`session_id`) REFERENCES `sessions`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`participant_id`) REFERENCES `participants`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `session_outcomes_participant_idx` ON `session_outcomes` (`participant_id`);