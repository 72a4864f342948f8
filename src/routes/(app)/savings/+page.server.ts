import type { PageServerLoad } from './$types';
import { loadRecords } from '$server/registry/records';
import { today } from '$server/registry/today';
import { parseCalculator } from '$lib/rules/calculator';

export const load: PageServerLoad = ({ locals, url }) => {
	const t = today();
	const r = loadRecords(locals.user!.nationalId, t);
	const sso = r.lines.filter((l) => l.section === 33 || l.section === 39);
	const months = new Set(sso.map((l) => l.period));
	// wage bases per month (a month paid by two employers adds up), oldest first; the projection needs the last 60
	const perMonth = new Map<string, number>();
	for (const l of sso) perMonth.set(l.period, (perMonth.get(l.period) ?? 0) + l.wageBaseSatang);
	const wageBases = [...perMonth.values()].slice(-60);
	const working = r.status.open?.section === 33;
	const defaults = { wageBaht: Math.round((wageBases.at(-1) ?? 0) / 100), age: 55 };
	const calc = parseCalculator(url.searchParams.get('wage'), url.searchParams.get('age'), defaults);
	return {
		today: t,
		birthDate: r.person.birthDate,
		savings: r.totals.savings,
		months: months.size,
		wageBases,
		working,
		section: r.status.open?.section ?? null,
		defaults,
		calc
	};
};
