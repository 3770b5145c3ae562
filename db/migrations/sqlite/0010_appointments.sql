CREATE TABLE `appointment_conflict_overrides` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`appointment_id` integer,
	`series_id` integer,
	`reason` text NOT NULL,
	`conflicts_json` text NOT NULL,
	`overridden_at` text NOT NULL,
	`overridden_by` integer,
	FOREIGN KEY (`appointment_id`) REFERENCES `appointments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`series_id`) REFERENCES `appointment_series`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`overridden_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `appointment_conflict_overrides_appointment_idx` ON `appointment_conflict_overrides` (`appointment_id`);--> statement-breakpoint
CREATE INDEX `appointment_conflict_overrides_series_idx` ON `appointment_conflict_overrides` (`series_id`);--> statement-breakpoint
CREATE TABLE `appointment_providers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`specialty` text,
	`location_name` text,
	`address` text,
	`phone` text,
	`active` integer DEFAULT true NOT NULL,
	`merged_into_id` integer,
	`created_at` text NOT NULL,
	`created_by` integer,
	`updated_at` text NOT NULL,
	`updated_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`merged_into_id`) REFERENCES `appointment_providers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `appointment_providers_name_idx` ON `appointment_providers` ("name" COLLATE NOCASE);--> statement-breakpoint
CREATE TABLE `appointment_series` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`resident_id` integer NOT NULL,
	`type` text NOT NULL,
	`setting` text NOT NULL,
	`provider_id` integer,
	`provider_name` text,
	`location_name` text,
	`address` text,
	`phone` text,
	`preparation_items` text DEFAULT '[]' NOT NULL,
	`preparation_note` text,
	`escort_needed` integer DEFAULT false NOT NULL,
	`dtstart_local` text NOT NULL,
	`time_zone` text NOT NULL,
	`rrule` text NOT NULL,
	`until_local` text NOT NULL,
	`duration_minutes` integer NOT NULL,
	`split_from_id` integer,
	`cancelled_at` text,
	`cancelled_by` integer,
	`cancel_reason` text,
	`created_at` text NOT NULL,
	`created_by` integer,
	`updated_at` text NOT NULL,
	`updated_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`resident_id`) REFERENCES `residents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_id`) REFERENCES `appointment_providers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`split_from_id`) REFERENCES `appointment_series`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`cancelled_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `appointment_series_resident_idx` ON `appointment_series` (`resident_id`,`until_local`);--> statement-breakpoint
CREATE INDEX `appointment_series_window_idx` ON `appointment_series` (`until_local`,`dtstart_local`);--> statement-breakpoint
CREATE TABLE `appointment_series_exdates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_id` integer NOT NULL,
	`original_local` text NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `appointment_series`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `appointment_series_exdates_unique` ON `appointment_series_exdates` (`series_id`,`original_local`);--> statement-breakpoint
CREATE TABLE `appointment_series_overrides` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_id` integer NOT NULL,
	`original_local` text NOT NULL,
	`start_local` text,
	`start_fold` text DEFAULT 'earlier' NOT NULL,
	`duration_minutes` integer,
	`status` text,
	`appointment_id` integer,
	FOREIGN KEY (`series_id`) REFERENCES `appointment_series`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`appointment_id`) REFERENCES `appointments`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `appointment_series_overrides_unique` ON `appointment_series_overrides` (`series_id`,`original_local`);--> statement-breakpoint
CREATE TABLE `appointment_series_rdates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_id` integer NOT NULL,
	`start_local` text NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `appointment_series`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `appointment_series_rdates_unique` ON `appointment_series_rdates` (`series_id`,`start_local`);--> statement-breakpoint
CREATE TABLE `appointment_status_history` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`appointment_id` integer NOT NULL,
	`from_status` text,
	`to_status` text NOT NULL,
	`reason` text,
	`changed_at` text NOT NULL,
	`changed_by` integer,
	FOREIGN KEY (`appointment_id`) REFERENCES `appointments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`changed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `appointment_status_history_appointment_idx` ON `appointment_status_history` (`appointment_id`);--> statement-breakpoint
CREATE TABLE `appointments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`resident_id` integer NOT NULL,
	`series_id` integer,
	`occurrence_local` text,
	`type` text NOT NULL,
	`setting` text NOT NULL,
	`provider_id` integer,
	`provider_name` text,
	`location_name` text,
	`address` text,
	`phone` text,
	`start_at` text NOT NULL,
	`end_at` text NOT NULL,
	`start_local` text NOT NULL,
	`end_local` text NOT NULL,
	`start_fold` text,
	`end_fold` text,
	`preparation_items` text DEFAULT '[]' NOT NULL,
	`preparation_note` text,
	`escort_needed` integer DEFAULT false NOT NULL,
	`transport_arranged` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'scheduled' NOT NULL,
	`status_at` text NOT NULL,
	`status_by` integer,
	`status_reason` text,
	`outcome_note` text,
	`new_orders` integer DEFAULT false NOT NULL,
	`follow_up_due` text,
	`followed_up_at` text,
	`followed_up_by` integer,
	`family_informed_at` text,
	`family_informed_by` integer,
	`family_informed_method` text,
	`family_contact_name` text,
	`family_informed_note` text,
	`created_at` text NOT NULL,
	`created_by` integer,
	`updated_at` text NOT NULL,
	`updated_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`resident_id`) REFERENCES `residents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`series_id`) REFERENCES `appointment_series`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`provider_id`) REFERENCES `appointment_providers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`status_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`followed_up_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`family_informed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "appointments_occurrence_whole" CHECK(("appointments"."series_id" IS NULL) = ("appointments"."occurrence_local" IS NULL))
);
--> statement-breakpoint
CREATE INDEX `appointments_start_idx` ON `appointments` (`start_at`);--> statement-breakpoint
CREATE INDEX `appointments_resident_start_idx` ON `appointments` (`resident_id`,`start_at`);--> statement-breakpoint
CREATE INDEX `appointments_follow_up_idx` ON `appointments` (`follow_up_due`) WHERE "appointments"."follow_up_due" IS NOT NULL AND "appointments"."followed_up_at" IS NULL;--> statement-breakpoint
CREATE UNIQUE INDEX `appointments_occurrence_unique` ON `appointments` (`series_id`,`occurrence_local`);