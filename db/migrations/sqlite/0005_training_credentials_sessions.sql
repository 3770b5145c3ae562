CREATE TABLE `credential_type_roles` (
	`type_id` integer NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`type_id`, `role`),
	FOREIGN KEY (`type_id`) REFERENCES `credential_types`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `credential_types` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`issued_by_state` integer DEFAULT true NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `credential_types_code_unique` ON `credential_types` (`code`);--> statement-breakpoint
CREATE TABLE `staff_credentials` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`staff_id` integer NOT NULL,
	`type_id` integer NOT NULL,
	`number` text NOT NULL,
	`issuing_state` text,
	`issuing_body` text,
	`issued_on` text NOT NULL,
	`expires_on` text NOT NULL,
	`verified_by` integer,
	`verified_at` text NOT NULL,
	`source` text DEFAULT 'entry' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`type_id`) REFERENCES `credential_types`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`verified_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`voided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "staff_credentials_expiry_after_issue" CHECK("staff_credentials"."expires_on" > "staff_credentials"."issued_on"),
	CONSTRAINT "staff_credentials_issuer" CHECK("staff_credentials"."issuing_state" IS NOT NULL OR "staff_credentials"."issuing_body" IS NOT NULL)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_credentials_live_unique` ON `staff_credentials` (`staff_id`,`type_id`,`issued_on`) WHERE "staff_credentials"."voided_at" IS NULL;--> statement-breakpoint
CREATE INDEX `staff_credentials_expires_idx` ON `staff_credentials` (`expires_on`) WHERE "staff_credentials"."voided_at" IS NULL;--> statement-breakpoint
CREATE TABLE `training_sessions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`course_id` integer NOT NULL,
	`held_on` text NOT NULL,
	`hours` real NOT NULL,
	`instructor` text NOT NULL,
	`location` text,
	`created_by` integer,
	`created_at` text NOT NULL,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`voided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "training_sessions_hours_positive" CHECK("training_sessions"."hours" > 0)
);
--> statement-breakpoint
CREATE INDEX `training_sessions_held_idx` ON `training_sessions` (`held_on`,`id`);--> statement-breakpoint
ALTER TABLE `training_records` ADD `session_id` integer REFERENCES training_sessions(id);--> statement-breakpoint
CREATE INDEX `training_records_session_idx` ON `training_records` (`session_id`) WHERE "training_records"."session_id" IS NOT NULL;