-- WITHOUT ROWID: a unit's facts and the sums are read and written by their key; a rowid
-- table would add a lookup per row.
CREATE TABLE `impact_facts` (
	`dim` text NOT NULL,
	`k1` text NOT NULL,
	`k2` text DEFAULT '' NOT NULL,
	`kind` text NOT NULL,
	`unit_id` text NOT NULL,
	`at` integer NOT NULL,
	`end_at` integer DEFAULT 0 NOT NULL,
	`requests` integer DEFAULT 0 NOT NULL,
	`accepted` integer DEFAULT 0 NOT NULL,
	`booked` integer DEFAULT 0 NOT NULL,
	`held` integer DEFAULT 0 NOT NULL,
	`no_show` integer DEFAULT 0 NOT NULL,
	`coop` integer DEFAULT 0 NOT NULL,
	`agreements` integer DEFAULT 0 NOT NULL,
	`mous` integer DEFAULT 0 NOT NULL,
	`pilots` integer DEFAULT 0 NOT NULL,
	`projects` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`kind`, `unit_id`, `dim`, `k1`, `k2`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX `impact_facts_group_idx` ON `impact_facts` (`dim`,`k1`,`k2`);--> statement-breakpoint
CREATE INDEX `impact_facts_end_idx` ON `impact_facts` (`end_at`,`dim`,`k1`,`k2`,`held`,`no_show`);--> statement-breakpoint
CREATE TABLE `impact_rollup` (
	`dim` text NOT NULL,
	`k1` text NOT NULL,
	`k2` text DEFAULT '' NOT NULL,
	`day` integer NOT NULL,
	`requests` integer DEFAULT 0 NOT NULL,
	`accepted` integer DEFAULT 0 NOT NULL,
	`booked` integer DEFAULT 0 NOT NULL,
	`held` integer DEFAULT 0 NOT NULL,
	`no_show` integer DEFAULT 0 NOT NULL,
	`coop` integer DEFAULT 0 NOT NULL,
	`agreements` integer DEFAULT 0 NOT NULL,
	`mous` integer DEFAULT 0 NOT NULL,
	`pilots` integer DEFAULT 0 NOT NULL,
	`projects` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`dim`, `k1`, `k2`, `day`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `impact_stale` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`unit_id` text NOT NULL
);--> statement-breakpoint
-- The impact report's facts are kept up to date by noting each unit a change touches (see
-- impact_facts in src/db/schema.ts). Every unit there is now is noted, so the first report fills them.
CREATE TRIGGER `impact_meeting_requests_insert` AFTER INSERT ON `meeting_requests` BEGIN
  INSERT INTO impact_stale (kind, unit_id) VALUES ('r', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `impact_meeting_requests_update` AFTER UPDATE ON `meeting_requests` BEGIN
  INSERT INTO impact_stale (kind, unit_id) VALUES ('r', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `impact_meeting_requests_delete` AFTER DELETE ON `meeting_requests` BEGIN
  INSERT INTO impact_stale (kind, unit_id) VALUES ('r', OLD.id);
END;
--> statement-breakpoint
CREATE TRIGGER `impact_sessions_insert` AFTER INSERT ON `sessions` BEGIN
  INSERT INTO impact_stale (kind, unit_id) VALUES ('m', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `impact_sessions_update` AFTER UPDATE ON `sessions` BEGIN
  INSERT INTO impact_stale (kind, unit_id) VALUES ('m', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `impact_sessions_delete` AFTER DELETE ON `sessions` BEGIN
  INSERT INTO impact_stale (kind, unit_id) VALUES ('m', OLD.id);
END;
--> statement-breakpoint
CREATE TRIGGER `impact_session_people_insert` AFTER INSERT ON `session_people` BEGIN
  INSERT INTO impact_stale (kind, unit_id) VALUES ('m', NEW.session_id);
END;
--> statement-breakpoint
CREATE TRIGGER `impact_session_people_update` AFTER UPDATE ON `session_people` BEGIN
  INSERT INTO impact_stale (kind, unit_id) VALUES ('m', NEW.session_id);
END;
--> statement-breakpoint
CREATE TRIGGER `impact_session_people_delete` AFTER DELETE ON `session_people` BEGIN
  INSERT INTO impact_stale (kind, unit_id) VALUES ('m', OLD.session_id);
END;
--> statement-breakpoint
CREATE TRIGGER `impact_lobby_attendance_insert` AFTER INSERT ON `lobby_attendance` BEGIN
  INSERT INTO impact_stale (kind, unit_id) VALUES ('m', NEW.session_id);
END;
--> statement-breakpoint
CREATE TRIGGER `impact_lobby_attendance_update` AFTER UPDATE ON `lobby_attendance` BEGIN
  INSERT INTO impact_stale (kind, unit_id) VALUES ('m', NEW.session_id);
END;
--> statement-breakpoint
CREATE TRIGGER `impact_lobby_attendance_delete` AFTER DELETE ON `lobby_attendance` BEGIN
  INSERT INTO impact_stale (kind, unit_id) VALUES ('m', OLD.session_id);
END;
--> statement-breakpoint
CREATE TRIGGER `impact_session_outcomes_insert` AFTER INSERT ON `session_outcomes` BEGIN
  INSERT INTO impact_stale (kind, unit_id) VALUES ('m', NEW.session_id);
END;
--> statement-breakpoint
CREATE TRIGGER `impact_session_outcomes_update` AFTER UPDATE ON `session_outcomes` BEGIN
  INSERT INTO impact_stale (kind, unit_id) VALUES ('m', NEW.session_id);
END;
--> statement-breakpoint
CREATE TRIGGER `impact_session_outcomes_delete` AFTER DELETE ON `session_outcomes` BEGIN
  INSERT INTO impact_stale (kind, unit_id) VALUES ('m', OLD.session_id);
END;
--> statement-breakpoint
CREATE TRIGGER `impact_project_sessions_insert` AFTER INSERT ON `project_sessions` BEGIN
  INSERT INTO impact_stale (kind, unit_id) VALUES ('m', NEW.session_id);
END;
--> statement-breakpoint
CREATE TRIGGER `impact_project_sessions_update` AFTER UPDATE ON `project_sessions` BEGIN
  INSERT INTO impact_stale (kind, unit_id) VALUES ('m', NEW.session_id);
END;
--> statement-breakpoint
CREATE TRIGGER `impact_project_sessions_delete` AFTER DELETE ON `project_sessions` BEGIN
  INSERT INTO impact_stale (kind, unit_id) VALUES ('m', OLD.session_id);
END;
--> statement-breakpoint
CREATE TRIGGER `impact_projects_insert` AFTER INSERT ON `projects` BEGIN
  INSERT INTO impact_stale (kind, unit_id) VALUES ('p', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `impact_projects_update` AFTER UPDATE ON `projects` BEGIN
  INSERT INTO impact_stale (kind, unit_id) VALUES ('p', NEW.id);
END;
--> statement-breakpoint
CREATE TRIGGER `impact_projects_delete` AFTER DELETE ON `projects` BEGIN
  INSERT INTO impact_stale (kind, unit_id) VALUES ('p', OLD.id);
END;
--> statement-breakpoint
CREATE TRIGGER `impact_project_stages_insert` AFTER INSERT ON `project_stages` BEGIN
  INSERT INTO impact_stale (kind, unit_id) VALUES ('p', NEW.project_id);
END;
--> statement-breakpoint
CREATE TRIGGER `impact_project_stages_update` AFTER UPDATE ON `project_stages` BEGIN
  INSERT INTO impact_stale (kind, unit_id) VALUES ('p', NEW.project_id);
END;
--> statement-breakpoint
CREATE TRIGGER `impact_project_stages_delete` AFTER DELETE ON `project_stages` BEGIN
  INSERT INTO impact_stale (kind, unit_id) VALUES ('p', OLD.project_id);
END;
--> statement-breakpoint
CREATE TRIGGER `impact_project_partners_insert` AFTER INSERT ON `project_partners` BEGIN
  INSERT INTO impact_stale (kind, unit_id) VALUES ('p', NEW.project_id);
END;
--> statement-breakpoint
CREATE TRIGGER `impact_project_partners_update` AFTER UPDATE ON `project_partners` BEGIN
  INSERT INTO impact_stale (kind, unit_id) VALUES ('p', NEW.project_id);
END;
--> statement-breakpoint
CREATE TRIGGER `impact_project_partners_delete` AFTER DELETE ON `project_partners` BEGIN
  INSERT INTO impact_stale (kind, unit_id) VALUES ('p', OLD.project_id);
END;
--> statement-breakpoint
CREATE TRIGGER `impact_project_sectors_insert` AFTER INSERT ON `project_sectors` BEGIN
  INSERT INTO impact_stale (kind, unit_id) VALUES ('p', NEW.project_id);
END;
--> statement-breakpoint
CREATE TRIGGER `impact_project_sectors_update` AFTER UPDATE ON `project_sectors` BEGIN
  INSERT INTO impact_stale (kind, unit_id) VALUES ('p', NEW.project_id);
END;
--> statement-breakpoint
CREATE TRIGGER `impact_project_sectors_delete` AFTER DELETE ON `project_sectors` BEGIN
  INSERT INTO impact_stale (kind, unit_id) VALUES ('p', OLD.project_id);
END;
--> statement-breakpoint
CREATE TRIGGER `impact_participants_city` AFTER UPDATE OF city ON `participants` WHEN OLD.city IS NOT NEW.city BEGIN
  INSERT INTO impact_stale (kind, unit_id) SELECT 'r', id FROM meeting_requests WHERE from_id = NEW.id OR to_id = NEW.id
    UNION ALL SELECT 'm', session_id FROM session_people WHERE participant_id = NEW.id
    UNION ALL SELECT 'p', project_id FROM project_partners WHERE participant_id = NEW.id;
END;
--> statement-breakpoint
CREATE TRIGGER `impact_participant_sectors_insert` AFTER INSERT ON `participant_sectors` BEGIN
  INSERT INTO impact_stale (kind, unit_id) SELECT 'r', id FROM meeting_requests WHERE from_id = NEW.participant_id OR to_id = NEW.participant_id
    UNION ALL SELECT 'm', session_id FROM session_people WHERE participant_id = NEW.participant_id
    UNION ALL SELECT 'p', project_id FROM project_partners WHERE participant_id = NEW.participant_id;
END;
--> statement-breakpoint
CREATE TRIGGER `impact_participant_sectors_update` AFTER UPDATE ON `participant_sectors` BEGIN
  INSERT INTO impact_stale (kind, unit_id) SELECT 'r', id FROM meeting_requests WHERE from_id = NEW.participant_id OR to_id = NEW.participant_id
    UNION ALL SELECT 'm', session_id FROM session_people WHERE participant_id = NEW.participant_id
    UNION ALL SELECT 'p', project_id FROM project_partners WHERE participant_id = NEW.participant_id;
END;
--> statement-breakpoint
CREATE TRIGGER `impact_participant_sectors_delete` AFTER DELETE ON `participant_sectors` BEGIN
  INSERT INTO impact_stale (kind, unit_id) SELECT 'r', id FROM meeting_requests WHERE from_id = OLD.participant_id OR to_id = OLD.participant_id
    UNION ALL SELECT 'm', session_id FROM session_people WHERE participant_id = OLD.participant_id
    UNION ALL SELECT 'p', project_id FROM project_partners WHERE participant_id = OLD.participant_id;
END;
--> statement-breakpoint
INSERT INTO impact_stale (kind, unit_id)
  SELECT 'r', id FROM meeting_requests UNION ALL SELECT 'm', id FROM sessions WHERE kind = 'meeting'
  UNION ALL SELECT 'p', id FROM projects;
