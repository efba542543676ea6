-- The double-booking guard stays, but may be checked at commit instead of at each statement:
-- republishing an event moves many sessions in one transaction, and two meetings trading slots
-- overlap for a moment between the two moves although the result overlaps nowhere. Everything
-- else keeps checking at once (INITIALLY IMMEDIATE); publishing defers it for its transaction.
ALTER TABLE "session_people" DROP CONSTRAINT "session_people_no_overlap";
--> statement-breakpoint
ALTER TABLE "session_people" ADD CONSTRAINT "session_people_no_overlap"
  EXCLUDE USING gist ("participant_id" WITH =, int8range("start_at", "end_at") WITH &&)
  WHERE ("active") DEFERRABLE INITIALLY IMMEDIATE;
