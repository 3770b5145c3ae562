CREATE TABLE `course_roles` (
	`course_id` integer NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`course_id`, `role`),
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `courses` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`name` text NOT NULL,
	`validity_kind` text NOT NULL,
	`validity_value` integer NOT NULL,
	`counts_as_in_service` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	CONSTRAINT "courses_validity_positive" CHECK("courses"."validity_value" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `courses_code_unique` ON `courses` (`code`);--> statement-breakpoint
CREATE TABLE `shift_schedule_staff` (
	`schedule_id` integer NOT NULL,
	`staff_id` integer NOT NULL,
	PRIMARY KEY(`schedule_id`, `staff_id`),
	FOREIGN KEY (`schedule_id`) REFERENCES `shift_schedules`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `shift_schedules` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`shift_id` integer NOT NULL,
	`date` text NOT NULL,
	`entered_at` text NOT NULL,
	`entered_by` integer,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`entered_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `shift_schedules_shift_date_unique` ON `shift_schedules` (`shift_id`,`date`);--> statement-breakpoint
CREATE TABLE `staff` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`role` text NOT NULL,
	`employee_id` text NOT NULL,
	`hire_date` text NOT NULL,
	`unit_id` integer,
	`active` integer DEFAULT true NOT NULL,
	`user_id` integer,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	FOREIGN KEY (`unit_id`) REFERENCES `units`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `staff_employee_id_unique` ON `staff` ("employee_id" COLLATE NOCASE);--> statement-breakpoint
CREATE UNIQUE INDEX `staff_user_unique` ON `staff` (`user_id`) WHERE "staff"."user_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `staff_name_idx` ON `staff` ("name" COLLATE NOCASE,`id`);--> statement-breakpoint
CREATE TABLE `training_certificates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`record_id` integer NOT NULL,
	`file_name` text NOT NULL,
	`mime_type` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`sha256` text NOT NULL,
	`data` blob NOT NULL,
	`uploaded_at` text NOT NULL,
	`uploaded_by` integer,
	FOREIGN KEY (`record_id`) REFERENCES `training_records`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`uploaded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `training_certificates_record_idx` ON `training_certificates` (`record_id`);--> statement-breakpoint
CREATE TABLE `training_records` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`staff_id` integer NOT NULL,
	`course_id` integer NOT NULL,
	`completed_on` text NOT NULL,
	`hours` real,
	`provider` text,
	`certificate_number` text,
	`verified_by` integer,
	`source` text DEFAULT 'entry' NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`voided_at` text,
	`voided_by` integer,
	`void_reason` text,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`course_id`) REFERENCES `courses`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`verified_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`voided_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `training_records_live_unique` ON `training_records` (`staff_id`,`course_id`,`completed_on`) WHERE "training_records"."voided_at" IS NULL;--> statement-breakpoint
CREATE INDEX `training_records_course_idx` ON `training_records` (`course_id`,`completed_on`);