/**
 * npm run pay:simulate -- <ref> [--txn ID] [--url http://localhost:3000]
 * Pays a section 40 slip as the bank would: a signed POST to /api/payments/callback with the slip's data.
 * Run it twice with the same --txn to see the payment applied once.
 */
import { paySimulate } from './lib/cli/pay-simulate';
import { runMain } from './lib/cli/run';

await runMain(paySimulate);
