-- The contribution rates are the dated rows of src/lib/rules/rates.ts (sso-rules.md: every rule lives in src/lib/rules as a
-- pure function or a dated table row, usable in the browser). This copy was written by the seed and never read.
DROP TABLE `rate_periods`;
