DROP INDEX `appointments_start_idx`;--> statement-breakpoint
CREATE INDEX `appointments_page_idx` ON `appointments` (`start_at`,`id`,`resident_id`);