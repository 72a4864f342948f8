/**
 * Staff accounts from the command line. Uses the server's own service functions, so every change is audited.
 *
 *   npm run staff:create -- --role officer  --username somsri.k --first สมศรี --last ใจดี --centre "ศูนย์บริการร่วมกระทรวงแรงงาน ดินแดง" [--position …]
 *   npm run staff:create -- --role hospital --username rajavithi.1 --first … --last … --hospital 10660
 *   npm run staff:create -- --role admin    --username admin.1 --first … --last …
 *   npm run staff:create -- --role employer --username acme.hr --first … --last … --account 1000000001 --branch 000000
 *       → prints a one-time activation link (72 hours): the staff member sets a password and the mobile number for codes
 *   npm run staff:enable -- --username rajavithi.1     re-enable an account (a hospital account disabled after 6 months unused)
 *   npm run staff:disable -- --username somsri.k       disable an account (the person left)
 *   npm run staff:reset -- --username somsri.k         a new activation link (a forgotten password, a new phone); the old password stops working
 *   npm run staff:list                                 the accounts and their state
 *   npm run staff:hospitals                            the hospitals' codes (for --hospital)
 */
import { staffCli } from './lib/cli/staff';
import { runMain } from './lib/cli/run';

await runMain(staffCli);
