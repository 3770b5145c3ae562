CREATE TABLE `handoff_acks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`sheet_id` integer NOT NULL,
	`acknowledged_by` integer NOT NULL,
	`acknowledged_at` text NOT NULL,
	`synthesis` text,
	FOREIGN KEY (`sheet_id`) REFERENCES `handoff_sheets`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`acknowledged_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `handoff_acks_sheet_idx` ON `handoff_acks` (`sheet_id`);--> statement-breakpoint
CREATE TABLE `handoff_actions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`resident_id` integer NOT NULL,
	`text` text NOT NULL,
	`owner` text,
	`due_date` text,
	`due_time` text,
	`created_shift_date` text NOT NULL,
	`created_shift_id` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`done_at` text,
	`done_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`resident_id`) REFERENCES `residents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`done_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "handoff_actions_due_whole" CHECK(("handoff_actions"."due_date" IS NULL) = ("handoff_actions"."due_time" IS NULL))
);
--> statement-breakpoint
CREATE INDEX `handoff_actions_open_idx` ON `handoff_actions` (`resident_id`,`id`) WHERE "handoff_actions"."done_at" IS NULL;--> statement-breakpoint
CREATE TABLE `handoff_notes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`resident_id` integer NOT NULL,
	`shift_date` text NOT NULL,
	`shift_id` integer NOT NULL,
	`template` text NOT NULL,
	`severity` text,
	`summary` text,
	`awareness` text,
	`situation` text,
	`background` text,
	`assessment` text,
	`recommendation` text,
	`created_at` text NOT NULL,
	`created_by` integer,
	`updated_at` text NOT NULL,
	`updated_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`resident_id`) REFERENCES `residents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `handoff_notes_resident_shift_unique` ON `handoff_notes` (`resident_id`,`shift_date`,`shift_id`);--> statement-breakpoint
CREATE INDEX `handoff_notes_shift_idx` ON `handoff_notes` (`shift_date`,`shift_id`);--> statement-breakpoint
CREATE TABLE `handoff_sheets` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`unit_id` integer NOT NULL,
	`shift_date` text NOT NULL,
	`shift_id` integer NOT NULL,
	`hash` text NOT NULL,
	`content_json` text NOT NULL,
	`residents` integer NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`last_printed_at` text,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `handoff_sheets_version_unique` ON `handoff_sheets` (`unit_id`,`shift_date`,`shift_id`,`hash`);--> statement-breakpoint
CREATE INDEX `handoff_sheets_unit_date_idx` ON `handoff_sheets` (`unit_id`,`shift_date`);