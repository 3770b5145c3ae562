CREATE TABLE `resident_allergies` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`resident_id` integer NOT NULL,
	`position` integer NOT NULL,
	`substance` text NOT NULL,
	`reaction` text DEFAULT '' NOT NULL,
	`severity` text NOT NULL,
	FOREIGN KEY (`resident_id`) REFERENCES `residents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `allergies_resident_idx` ON `resident_allergies` (`resident_id`,`position`);--> statement-breakpoint
CREATE TABLE `resident_bed_assignments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`resident_id` integer NOT NULL,
	`bed_id` integer NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text,
	`reason` text NOT NULL,
	`note` text,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`resident_id`) REFERENCES `residents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bed_id`) REFERENCES `beds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `bed_assignments_resident_idx` ON `resident_bed_assignments` (`resident_id`,`from_date`,`id`);--> statement-breakpoint
CREATE INDEX `bed_assignments_bed_idx` ON `resident_bed_assignments` (`bed_id`);--> statement-breakpoint
CREATE TABLE `resident_contacts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`resident_id` integer NOT NULL,
	`position` integer NOT NULL,
	`role` text NOT NULL,
	`name` text NOT NULL,
	`relationship` text,
	`phone` text,
	`alt_phone` text,
	`emergency_order` integer,
	`note` text,
	FOREIGN KEY (`resident_id`) REFERENCES `residents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `contacts_resident_idx` ON `resident_contacts` (`resident_id`,`position`);--> statement-breakpoint
CREATE TABLE `resident_status_periods` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`resident_id` integer NOT NULL,
	`status` text NOT NULL,
	`from_date` text NOT NULL,
	`to_date` text,
	`bed_id` integer,
	`note` text,
	`created_at` text NOT NULL,
	`created_by` integer,
	FOREIGN KEY (`resident_id`) REFERENCES `residents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`bed_id`) REFERENCES `beds`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `status_periods_resident_idx` ON `resident_status_periods` (`resident_id`,`from_date`,`id`);--> statement-breakpoint
CREATE TABLE `residents` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`record_number` text NOT NULL,
	`legal_given` text NOT NULL,
	`legal_family` text NOT NULL,
	`preferred_name` text,
	`date_of_birth` text NOT NULL,
	`sex` text NOT NULL,
	`search_key` text NOT NULL,
	`search_compact` text NOT NULL,
	`name_sort` text NOT NULL,
	`status` text NOT NULL,
	`status_since` text NOT NULL,
	`admitted_on` text NOT NULL,
	`bed_id` integer,
	`location_key` text,
	`code_status` text NOT NULL,
	`code_status_form` text,
	`code_status_documented_on` text,
	`allergy_state` text NOT NULL,
	`allergy_recorded_on` text,
	`allergy_text` text,
	`allergy_severe` integer DEFAULT false NOT NULL,
	`diet_type` text NOT NULL,
	`diet_note` text,
	`iddsi_food` text NOT NULL,
	`iddsi_drink` text NOT NULL,
	`transfer` text NOT NULL,
	`aid` text NOT NULL,
	`bariatric` integer DEFAULT false NOT NULL,
	`fall_risk` text NOT NULL,
	`wandering_risk` text NOT NULL,
	`isolation` text NOT NULL,
	`hearing_aids` text,
	`vision_aids` text,
	`language` text,
	`interpreter_needed` integer DEFAULT false NOT NULL,
	`physician_name` text,
	`physician_phone` text,
	`pharmacy_name` text,
	`pharmacy_phone` text,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`bed_id`) REFERENCES `beds`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "residents_location_with_bed" CHECK(("residents"."bed_id" IS NULL) = ("residents"."location_key" IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `residents_record_number_unique` ON `residents` ("record_number" COLLATE NOCASE);--> statement-breakpoint
CREATE UNIQUE INDEX `residents_bed_unique` ON `residents` (`bed_id`);--> statement-breakpoint
CREATE INDEX `residents_search_idx` ON `residents` (`search_key`);--> statement-breakpoint
CREATE INDEX `residents_location_idx` ON `residents` (`location_key`,`id`);--> statement-breakpoint
CREATE INDEX `residents_name_idx` ON `residents` (`name_sort`,`id`);--> statement-breakpoint
CREATE INDEX `residents_status_idx` ON `residents` (`status`);