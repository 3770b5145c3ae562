DROP INDEX `appointment_series_resident_idx`;--> statement-breakpoint
DROP INDEX `appointment_series_window_idx`;--> statement-breakpoint
ALTER TABLE `appointment_series` ADD `first_local` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `appointment_series` ADD `last_local` text DEFAULT '9999' NOT NULL;--> statement-breakpoint
ALTER TABLE `appointment_series` ADD `exception_count` integer DEFAULT -1 NOT NULL;--> statement-breakpoint
CREATE INDEX `appointment_series_resident_idx` ON `appointment_series` (`resident_id`,`last_local`);--> statement-breakpoint
CREATE INDEX `appointment_series_window_idx` ON `appointment_series` (`last_local`,`first_local`);--> statement-breakpoint
ALTER TABLE `appointments` DROP COLUMN `transport_arranged`;--> statement-breakpoint
-- Hand-written: the bounds and counts of series stored before this migration, from what each row
-- already has. The bounds are a safe envelope (the rule's DTSTART and UNTIL widened by rdates and
-- moved occurrences), not the exact first and last occurrence: the next write of the series
-- narrows them (shared/domain/appointments/recurrence.ts seriesBounds).
UPDATE `appointment_series` SET
  `first_local` = min(`dtstart_local`,
    coalesce((SELECT min(d.`start_local`) FROM `appointment_series_rdates` d WHERE d.`series_id` = `appointment_series`.`id`), `dtstart_local`),
    coalesce((SELECT min(o.`start_local`) FROM `appointment_series_overrides` o WHERE o.`series_id` = `appointment_series`.`id`), `dtstart_local`)),
  `last_local` = max(`until_local`,
    coalesce((SELECT max(d.`start_local`) FROM `appointment_series_rdates` d WHERE d.`series_id` = `appointment_series`.`id`), `until_local`),
    coalesce((SELECT max(o.`start_local`) FROM `appointment_series_overrides` o WHERE o.`series_id` = `appointment_series`.`id`), `until_local`)),
  `exception_count` = (SELECT count(*) FROM `appointment_series_exdates` e WHERE e.`series_id` = `appointment_series`.`id`)
    + (SELECT count(*) FROM `appointment_series_rdates` d WHERE d.`series_id` = `appointment_series`.`id`)
    + (SELECT count(*) FROM `appointment_series_overrides` o WHERE o.`series_id` = `appointment_series`.`id`);
