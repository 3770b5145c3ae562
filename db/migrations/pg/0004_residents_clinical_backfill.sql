-- Hand-written (drizzle-kit generate --custom): fills the derived columns of rows written before
-- 0003, from data every row already has, so nothing is guessed.
-- 1. allergy_items: the resident's allergy items as JSON, severe first then in the order entered
--    (what db/queries/residents.ts allergyColumns writes), for every 'listed' record.
UPDATE "residents" SET "allergy_items" = (
  SELECT json_agg(json_build_object('substance', a."substance", 'reaction', a."reaction", 'severity', a."severity")
    ORDER BY CASE a."severity" WHEN 'severe' THEN 0 WHEN 'moderate' THEN 1 WHEN 'mild' THEN 2 ELSE 3 END, a."position")::text
  FROM "resident_allergies" a WHERE a."resident_id" = "residents"."id"
) WHERE "allergy_state" = 'listed';--> statement-breakpoint
-- 2. search_compact gains the family-first spelling after a U+0001 (shared/domain/residents/search.ts
--    searchCompact): name_sort is the normalised family and given names joined by U+0001, so it is
--    that with the separator and the spaces taken out.
UPDATE "residents" SET "search_compact" = "search_compact" || chr(1) || replace(replace("name_sort", chr(1), ''), ' ', '');
