ALTER TABLE `benefit_claims` ADD `cause` text;
--> statement-breakpoint
-- Backfill for unemployment rows written before the cause was stored. The yearly caps depend on it (Act s.79;
-- 180 days a calendar year for all causes, at most 90 for resignation or contract end). In order:
-- 1. a payment made by the portal: the cause the citizen gave on the claim;
UPDATE `benefit_claims` SET `cause` = (SELECT json_extract(a.`answers`, '$.cause') FROM `applications` a WHERE a.`id` = `benefit_claims`.`application_id`)
WHERE `kind` = 'unemployment' AND `application_id` IS NOT NULL;
--> statement-breakpoint
-- 2. a registry claim: the end reason of the person's job that ended last on or before the claim started;
UPDATE `benefit_claims` SET `cause` = (
	SELECT e.`end_reason` FROM `employments` e
	WHERE e.`person_id` = `benefit_claims`.`person_id` AND e.`end_date` IS NOT NULL AND e.`end_date` <= coalesce(`benefit_claims`.`start_date`, `benefit_claims`.`claim_date`)
	ORDER BY e.`end_date` DESC LIMIT 1
)
WHERE `kind` = 'unemployment' AND `cause` IS NULL;
--> statement-breakpoint
-- 3. anything still unknown or not a paid cause counts as a resignation: it then uses up both the 180-day total and
--    the 90-day resignation share, so an unknown past claim never makes the portal promise more days than the law allows.
UPDATE `benefit_claims` SET `cause` = 'resigned'
WHERE `kind` = 'unemployment' AND (`cause` IS NULL OR `cause` NOT IN ('dismissed', 'business_closed', 'force_majeure', 'resigned', 'contract_ended'));
