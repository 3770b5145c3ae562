DROP INDEX "residents_location_idx";--> statement-breakpoint
DROP INDEX "residents_name_idx";--> statement-breakpoint
CREATE INDEX "residents_location_idx" ON "residents" USING btree ("location_key" COLLATE "C","id");--> statement-breakpoint
CREATE INDEX "residents_name_idx" ON "residents" USING btree ("name_sort" COLLATE "C","id");