DROP INDEX "appointments_start_idx";--> statement-breakpoint
CREATE INDEX "appointments_page_idx" ON "appointments" USING btree ("start_at","id","resident_id");