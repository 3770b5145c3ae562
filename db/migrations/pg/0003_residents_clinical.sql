ALTER TABLE "residents" ALTER COLUMN "diet_type" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "residents" ALTER COLUMN "iddsi_food" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "residents" ALTER COLUMN "iddsi_drink" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "residents" ALTER COLUMN "transfer" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "residents" ALTER COLUMN "aid" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "residents" ALTER COLUMN "bariatric" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "residents" ALTER COLUMN "bariatric" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "residents" ALTER COLUMN "fall_risk" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "residents" ALTER COLUMN "wandering_risk" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "residents" ALTER COLUMN "isolation" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "resident_bed_assignments" ADD COLUMN "entered_in_error_at" text;--> statement-breakpoint
ALTER TABLE "resident_bed_assignments" ADD COLUMN "entered_in_error_by" integer;--> statement-breakpoint
ALTER TABLE "resident_bed_assignments" ADD COLUMN "entered_in_error_reason" text;--> statement-breakpoint
ALTER TABLE "resident_status_periods" ADD COLUMN "entered_in_error_at" text;--> statement-breakpoint
ALTER TABLE "resident_status_periods" ADD COLUMN "entered_in_error_by" integer;--> statement-breakpoint
ALTER TABLE "resident_status_periods" ADD COLUMN "entered_in_error_reason" text;--> statement-breakpoint
ALTER TABLE "residents" ADD COLUMN "allergy_items" text;--> statement-breakpoint
ALTER TABLE "resident_bed_assignments" ADD CONSTRAINT "resident_bed_assignments_entered_in_error_by_users_id_fk" FOREIGN KEY ("entered_in_error_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "resident_status_periods" ADD CONSTRAINT "resident_status_periods_entered_in_error_by_users_id_fk" FOREIGN KEY ("entered_in_error_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "residents" DROP COLUMN "allergy_text";