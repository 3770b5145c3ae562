DROP INDEX `residents_location_idx`;--> statement-breakpoint
DROP INDEX `residents_name_idx`;--> statement-breakpoint
CREATE INDEX `residents_location_idx` ON `residents` ("location_key",`id`);--> statement-breakpoint
CREATE INDEX `residents_name_idx` ON `residents` ("name_sort",`id`);