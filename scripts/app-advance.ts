/**
 * npm run app:advance -- <ref> <status> [reason]   move an application along its lifecycle (staff decisions)
 * npm run app:advance -- <ref> approved --rate-bp=N [--days=N]
 *                                                  a force-majeure unemployment claim: set the rate (and days) of the
 *                                                  event's announcement (Act s.79/1), then approve
 * npm run app:advance -- --scheduled               run the automatic decisions now (hospital approvals, slip expiry)
 * Uses the same service functions as the server, so the citizen is texted and the change audited.
 */
import { appAdvance } from './lib/cli/app-advance';
import { runMain } from './lib/cli/run';

await runMain(appAdvance);
