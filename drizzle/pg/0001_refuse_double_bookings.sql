-- PostgreSQL itself refuses double bookings: no person may be in two confirmed sessions whose
-- [start, end) ranges overlap, whichever code path writes them. session_people copies each
-- session's instants (ms since the epoch) and is active while the session is confirmed;
-- int8range's default '[)' bounds make back-to-back sessions compatible.
-- btree_gist lets a GiST index compare the plain equality of participant_id.
CREATE EXTENSION IF NOT EXISTS btree_gist;
--> statement-breakpoint
ALTER TABLE "session_people" ADD CONSTRAINT "session_people_no_overlap"
  EXCLUDE USING gist ("participant_id" WITH =, int8range("start_at", "end_at") WITH &&)
  WHERE ("active");
