/**
 * Staff accounts from the command line (issue 8). Uses the server's own service functions, so every change is audited.
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
import { parseArgs } from 'node:util';
import { createStaff, disableStaff, enableStaff, reissueActivation, StaffError } from '../src/server/staff/accounts';
import { staffList } from '../src/server/staff/admin';
import { STAFF_ROLES, type StaffRole } from '../src/server/db/schema';
import { now } from '../src/server/clock';
import { db, schema } from '../src/server/db';

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
	args: rest,
	options: {
		role: { type: 'string' },
		username: { type: 'string' },
		first: { type: 'string' },
		last: { type: 'string' },
		position: { type: 'string' },
		centre: { type: 'string' },
		hospital: { type: 'string' },
		account: { type: 'string' },
		branch: { type: 'string' }
	},
	strict: true
});

const origin = process.env.ORIGIN ?? `http://localhost:${process.env.PORT ?? '3000'}`;
const link = (token: string) => `${origin}/staff/activate/${token}`;
const until = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';

function need(name: keyof typeof values): string {
	const v = values[name];
	if (!v) throw new StaffError(`--${name} is required`);
	return v;
}

try {
	switch (command) {
		case 'create': {
			const role = need('role') as StaffRole;
			if (!STAFF_ROLES.includes(role)) throw new StaffError(`--role must be one of ${STAFF_ROLES.join(', ')}`);
			const r = createStaff({
				role,
				username: need('username'),
				firstName: values.first ?? '',
				lastName: values.last ?? '',
				position: values.position,
				centre: values.centre,
				hospitalCode: values.hospital,
				account: values.account,
				branch: values.branch
			});
			console.log(`Created ${values.username} (${role}). Activation link, valid until ${until(r.expiresAt)}, usable once:\n${link(r.token)}`);
			break;
		}
		case 'enable':
			enableStaff(need('username'));
			console.log(`${values.username} is enabled.`);
			break;
		case 'disable':
			disableStaff(need('username'));
			console.log(`${values.username} is disabled; its session has ended.`);
			break;
		case 'reset': {
			const r = reissueActivation(need('username'));
			console.log(`New activation link for ${values.username}, valid until ${until(r.expiresAt)}:\n${link(r.token)}`);
			break;
		}
		case 'hospitals':
			for (const h of db().select().from(schema.hospitals).orderBy(schema.hospitals.code).all()) console.log([h.code, h.nameTh, h.province].join('\t'));
			break;
		case 'list':
			for (const s of staffList(now())) console.log([s.username, s.role, s.place, s.state].join('\t'));
			break;
		default:
			throw new StaffError('usage: npm run staff:create|staff:enable|staff:disable|staff:reset|staff:list|staff:hospitals -- …');
	}
} catch (e) {
	if (e instanceof StaffError || (e instanceof Error && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
		console.error(e.message);
		process.exit(2);
	}
	throw e;
}
