import { afterAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { count, eq } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import * as schema from './schema.pg';
import { createDatabase, postgresForTests } from '../../../tests/support/postgres';
import { migratePostgres } from './index';

// PostgreSQL where it is installed; CI installs it (.ci/run) and sets REQUIRE_POSTGRES, so there it is never skipped
const { pg: cluster, skipped } = await postgresForTests('PostgreSQL tests');

describe.skipIf(!!skipped)('the PostgreSQL schema on a real PostgreSQL (drizzle-pg/)', () => {
	const pool = cluster ? new pg.Pool({ connectionString: cluster.url, max: 2 }) : null;
	const db = drizzle(pool!, { schema });
	afterAll(async () => {
		await pool?.end();
		cluster?.stop();
	});

	it('the migrations make every table, and running them again changes nothing', { timeout: 30_000 }, async () => {
		await migrate(db, { migrationsFolder: 'drizzle-pg' });
		await migrate(db, { migrationsFolder: 'drizzle-pg' });
		const tables = await pool!.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public'");
		expect(tables.rows[0].n).toBe(Object.values(schema).length);
	});

	it('machines that start at the same moment migrate one at a time: each succeeds, every migration is applied once', { timeout: 30_000 }, async () => {
		const url = await createDatabase(cluster!, 'deploy');
		const machines = Array.from({ length: 4 }, () => new pg.Pool({ connectionString: url, max: 2 }));
		try {
			const outcomes = await Promise.allSettled(machines.map((p) => migratePostgres(url, drizzle(p))));
			expect(outcomes.map((o) => (o.status === 'rejected' ? String(o.reason?.cause ?? o.reason) : 'ok'))).toEqual(['ok', 'ok', 'ok', 'ok']);
			const applied = await machines[0]!.query('SELECT count(*)::int AS n, count(DISTINCT hash)::int AS distinct FROM drizzle.__drizzle_migrations');
			const journal = (await import('../../../drizzle-pg/meta/_journal.json')).default.entries.length;
			expect(applied.rows[0]).toEqual({ n: journal, distinct: journal });
		} finally {
			await Promise.all(machines.map((p) => p.end()));
		}
	});

	it('an amount past 2^31 satang and a millisecond instant come back as the same numbers', async () => {
		await db.insert(schema.persons).values({
			nationalId: '1101700203451',
			titleTh: 'นาย',
			firstNameTh: 'สมชาย',
			lastNameTh: 'ใจดี',
			titleEn: 'Mr',
			firstNameEn: 'Somchai',
			lastNameEn: 'Jaidee',
			birthDate: '1980-01-01',
			gender: 'M'
		});
		const at = Date.now();
		const [claim] = await db
			.insert(schema.benefitClaims)
			.values({ personId: '1101700203451', kind: 'old_age', claimDate: '2026-12-01', amountSatang: 3_000_000_000, status: 'paid' })
			.returning();
		expect(claim!.amountSatang).toBe(3_000_000_000);
		expect(typeof claim!.id).toBe('number');
		await db.insert(schema.auditLog).values({ at, actor: 'test', action: 'check' });
		expect((await db.select().from(schema.auditLog))[0]!.at).toBe(at);
	});

	it('one confirmed version of an employer’s month, and a reference to nothing is refused', async () => {
		const [employer] = await db
			.insert(schema.employers)
			.values({ accountNo: '1000000001', branch: '000000', nameTh: 'บริษัท', nameEn: 'Co', province: 'กรุงเทพมหานคร' })
			.returning();
		const month = {
			employerId: employer!.id,
			period: '2026-11',
			format: 'fixed' as const,
			uploadedAt: Date.now(),
			paymentDate: '2026-12-10',
			rateBp: 500,
			persons: 1,
			wagesSatang: 1_500_000,
			wageBaseSatang: 1_500_000,
			employeeSatang: 75_000,
			employerSatang: 75_000
		};
		await db.insert(schema.employerSubmissions).values({ ...month, status: 'confirmed' });
		await db.insert(schema.employerSubmissions).values({ ...month, status: 'pending' });
		await expect(db.insert(schema.employerSubmissions).values({ ...month, status: 'confirmed' })).rejects.toThrow();
		expect((await db.select({ n: count() }).from(schema.employerSubmissions).where(eq(schema.employerSubmissions.status, 'confirmed')))[0]!.n).toBe(1);
		await expect(
			db.insert(schema.employments).values({ personId: '0000000000000', employerId: employer!.id, startDate: '2026-01-01', monthlyWageSatang: 1 })
		).rejects.toThrow();
	});
});
