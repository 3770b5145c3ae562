PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_residents` (
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
	`allergy_items` text,
	`allergy_severe` integer DEFAULT false NOT NULL,
	`diet_type` text,
	`diet_note` text,
	`iddsi_food` text,
	`iddsi_drink` text,
	`transfer` text,
	`aid` text,
	`bariatric` integer,
	`fall_risk` text,
	`wandering_risk` text,
	`isolation` text,
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
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`bed_id`) REFERENCES `beds`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "residents_location_with_bed" CHECK(("__new_residents"."bed_id" IS NULL) = ("__new_residents"."location_key" IS NULL))
);
--> statement-breakpoint
INSERT INTO `__new_residents`("id", "record_number", "legal_given", "legal_family", "preferred_name", "date_of_birth", "sex", "search_key", "search_compact", "name_sort", "status", "status_since", "admitted_on", "bed_id", "location_key", "code_status", "code_status_form", "code_status_documented_on", "allergy_state", "allergy_recorded_on", "allergy_severe", "diet_type", "diet_note", "iddsi_food", "iddsi_drink", "transfer", "aid", "bariatric", "fall_risk", "wandering_risk", "isolation", "hearing_aids", "vision_aids", "language", "interpreter_needed", "physician_name", "physician_phone", "pharmacy_name", "pharmacy_phone", "created_at", "updated_at", "version") SELECT "id", "record_number", "legal_given", "legal_family", "preferred_name", "date_of_birth", "sex", "search_key", "search_compact", "name_sort", "status", "status_since", "admitted_on", "bed_id", "location_key", "code_status", "code_status_form", "code_status_documented_on", "allergy_state", "allergy_recorded_on", "allergy_severe", "diet_type", "diet_note", "iddsi_food", "iddsi_drink", "transfer", "aid", "bariatric", "fall_risk", "wandering_risk", "isolation", "hearing_aids", "vision_aids", "language", "interpreter_needed", "physician_name", "physician_phone", "pharmacy_name", "pharmacy_phone", "created_at", "updated_at", "version" FROM `residents`;--> statement-breakpoint
DROP TABLE `residents`;--> statement-breakpoint
ALTER TABLE `__new_residents` RENAME TO `residents`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `residents_record_number_unique` ON `residents` ("record_number" COLLATE NOCASE);--> statement-breakpoint
CREATE UNIQUE INDEX `residents_bed_unique` ON `residents` (`bed_id`);--> statement-breakpoint
CREATE INDEX `residents_search_idx` ON `residents` (`search_key`);--> statement-breakpoint
CREATE INDEX `residents_location_idx` ON `residents` (`location_key`,`id`);--> statement-breakpoint
CREATE INDEX `residents_name_idx` ON `residents` (`name_sort`,`id`);--> statement-breakpoint
CREATE INDEX `residents_status_idx` ON `residents` (`status`);--> statement-breakpoint
ALTER TABLE `resident_bed_assignments` ADD `entered_in_error_at` text;--> statement-breakpoint
ALTER TABLE `resident_bed_assignments` ADD `entered_in_error_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `resident_bed_assignments` ADD `entered_in_error_reason` text;--> statement-breakpoint
ALTER TABLE `resident_status_periods` ADD `entered_in_error_at` text;--> statement-breakpoint
ALTER TABLE `resident_status_periods` ADD `entered_in_error_by` integer REFERENCES users(id);--> statement-breakpoint
ALTER TABLE `resident_status_periods` ADD `entered_in_error_reason` text;