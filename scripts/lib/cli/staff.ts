/** npm run staff:*: see scripts/staff.ts. */
import { parseArgs } from 'node:util';
import { createStaff, disableStaff, enableStaff, reissueActivation, StaffError } from '../../../src/server/staff/accounts';
import { staffList } from '../../../src/server/staff/admin';
import { STAFF_ROLES, type StaffRole } from '../../../src/server/db/schema';
import { now } from '../../../src/server/clock';
import { db, schema } from '../../../src/server/db';
import { Output, type CliResult } from './run';

export async function staffCli(argv: string[]): Promise<CliResult> {
	const io = new Output();
	const [command, ...rest] = argv;
	try {
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

		const need = (name: keyof typeof values): string => {
			const v = values[name];
			if (!v) throw new StaffError(`--${name} is required`);
			return v;
		};

		switch (command) {
			case 'create': {
				const role = need('role') as StaffRole;
				if (!STAFF_ROLES.includes(role)) throw new StaffError(`--role must be one of ${STAFF_ROLES.join(', ')}`);
				const r = await createStaff({
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
				io.log(`Created ${values.username} (${role}). Activation link, valid until ${until(r.expiresAt)}, usable once:\n${link(r.token)}`);
				break;
			}
			case 'enable':
				await enableStaff(need('username'));
				io.log(`${values.username} is enabled.`);
				break;
			case 'disable':
				await disableStaff(need('username'));
				io.log(`${values.username} is disabled; its session has ended.`);
				break;
			case 'reset': {
				const r = await reissueActivation(need('username'));
				io.log(`New activation link for ${values.username}, valid until ${until(r.expiresAt)}:\n${link(r.token)}`);
				break;
			}
			case 'hospitals':
				for (const h of await db().select().from(schema.hospitals).orderBy(schema.hospitals.code)) io.log([h.code, h.nameTh, h.province].join('\t'));
				break;
			case 'list':
				for (const s of await staffList(now())) io.log([s.username, s.role, s.place, s.state].join('\t'));
				break;
			default:
				throw new StaffError('usage: npm run staff:create|staff:enable|staff:disable|staff:reset|staff:list|staff:hospitals -- …');
		}
		return io.done(0);
	} catch (e) {
		if (e instanceof StaffError || (e instanceof Error && 'code' in e && String(e.code).startsWith('ERR_PARSE_ARGS'))) {
			io.error(e.message);
			return io.done(2);
		}
		throw e;
	}
}
