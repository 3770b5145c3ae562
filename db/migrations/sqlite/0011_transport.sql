CREATE TABLE `transport_bookings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`appointment_id` integer NOT NULL,
	`resident_id` integer NOT NULL,
	`standing_booking_id` integer,
	`occurrence_key` text,
	`mode_base` text NOT NULL,
	`mode_bariatric` integer NOT NULL,
	`mode_oxygen` integer NOT NULL,
	`mode_proposed` text,
	`mode_override_reason` text,
	`escort_kind` text,
	`escort_staff_id` integer,
	`escort_name` text,
	`escort_phone` text,
	`travel_minutes` integer NOT NULL,
	`check_in_minutes` integer NOT NULL,
	`notes` text,
	`appointment_starts_at` text NOT NULL,
	`appointment_ends_at` text NOT NULL,
	`appointment_status` text NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`updated_at` text NOT NULL,
	`updated_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`appointment_id`) REFERENCES `appointments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resident_id`) REFERENCES `residents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`standing_booking_id`) REFERENCES `transport_standing_bookings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`escort_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "transport_bookings_minutes" CHECK("transport_bookings"."travel_minutes" >= 0 AND "transport_bookings"."check_in_minutes" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `transport_bookings_appointment_unique` ON `transport_bookings` (`appointment_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `transport_bookings_occurrence_unique` ON `transport_bookings` (`standing_booking_id`,`occurrence_key`) WHERE "transport_bookings"."standing_booking_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX `transport_bookings_resident_idx` ON `transport_bookings` (`resident_id`);--> statement-breakpoint
CREATE TABLE `transport_carriers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`phone` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `transport_carriers_name_unique` ON `transport_carriers` ("name" COLLATE NOCASE);--> statement-breakpoint
CREATE TABLE `transport_conflict_overrides` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`booking_id` integer NOT NULL,
	`leg_kind` text NOT NULL,
	`code` text NOT NULL,
	`conflict_key` text NOT NULL,
	`params_json` text NOT NULL,
	`reason` text NOT NULL,
	`overridden_by` integer,
	`overridden_at` text NOT NULL,
	FOREIGN KEY (`booking_id`) REFERENCES `transport_bookings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`overridden_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `transport_overrides_booking_idx` ON `transport_conflict_overrides` (`booking_id`);--> statement-breakpoint
CREATE TABLE `transport_destination_settings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`provider_id` integer NOT NULL,
	`travel_minutes` integer NOT NULL,
	`check_in_minutes` integer NOT NULL,
	`updated_at` text NOT NULL,
	`updated_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`provider_id`) REFERENCES `appointment_providers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "transport_destinations_minutes" CHECK("transport_destination_settings"."travel_minutes" >= 0 AND "transport_destination_settings"."check_in_minutes" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `transport_destinations_provider_unique` ON `transport_destination_settings` (`provider_id`);--> statement-breakpoint
CREATE TABLE `transport_legs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`booking_id` integer NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`carrier_kind` text NOT NULL,
	`vehicle_id` integer,
	`driver_staff_id` integer,
	`carrier_id` integer,
	`family_name` text,
	`family_phone` text,
	`run_id` integer,
	`return_kind` text,
	`pickup_at` text,
	`dropoff_at` text,
	`confirmation_number` text,
	`picked_up_at` text,
	`dropped_off_at` text,
	`cancel_reason` text,
	`status_changed_at` text NOT NULL,
	`status_changed_by` integer,
	FOREIGN KEY (`booking_id`) REFERENCES `transport_bookings`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`vehicle_id`) REFERENCES `transport_vehicles`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`driver_staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`carrier_id`) REFERENCES `transport_carriers`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`status_changed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "transport_legs_times" CHECK(("transport_legs"."pickup_at" IS NULL) = ("transport_legs"."dropoff_at" IS NULL))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `transport_legs_booking_kind_unique` ON `transport_legs` (`booking_id`,`kind`);--> statement-breakpoint
CREATE INDEX `transport_legs_vehicle_idx` ON `transport_legs` (`vehicle_id`,`pickup_at`);--> statement-breakpoint
CREATE INDEX `transport_legs_driver_idx` ON `transport_legs` (`driver_staff_id`,`pickup_at`);--> statement-breakpoint
CREATE INDEX `transport_legs_pickup_idx` ON `transport_legs` (`pickup_at`);--> statement-breakpoint
CREATE TABLE `transport_standing_bookings` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`series_id` integer NOT NULL,
	`resident_id` integer NOT NULL,
	`template_json` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`updated_at` text NOT NULL,
	`updated_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `appointment_series`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`resident_id`) REFERENCES `residents`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `transport_standing_series_idx` ON `transport_standing_bookings` (`series_id`);--> statement-breakpoint
CREATE TABLE `transport_vehicles` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`seats` integer NOT NULL,
	`wheelchair_positions` integer NOT NULL,
	`stretcher_positions` integer NOT NULL,
	`bariatric` integer DEFAULT false NOT NULL,
	`oxygen` integer DEFAULT false NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` text NOT NULL,
	`created_by` integer,
	`updated_at` text NOT NULL,
	`updated_by` integer,
	`version` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`updated_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "transport_vehicles_positions" CHECK("transport_vehicles"."seats" >= 0 AND "transport_vehicles"."wheelchair_positions" >= 0 AND "transport_vehicles"."stretcher_positions" >= 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `transport_vehicles_name_unique` ON `transport_vehicles` ("name" COLLATE NOCASE);