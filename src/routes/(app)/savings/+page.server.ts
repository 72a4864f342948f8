import type { PageServerLoad } from './$types';
import { loadRecords, monthlyBases } from '$server/registry/records';
import { today } from '$server/clock';
import { parseCalculator } from '$lib/rules/calculator';
import { requireCitizen } from '$server/guard';
import type { Section40ProjectionInput } from '$lib/rules/pension';

export const load: PageServerLoad = async (event) => {
	const { user } = requireCitizen(event);
	const url = event.url;
	const t = today();
	const r = await loadRecords(user.nationalId, t);
	// one capped wage base per month, oldest first; the projection needs the last 60
	const perMonth = monthlyBases(r.lines.filter((l) => l.section === 33 || l.section === 39));
	const wageBases = perMonth.slice(-60).map((x) => x.wageBaseSatang);
	const working = r.status.open?.section === 33;
	// still paying: section 33 (employed) or section 39 (voluntary, 432 baht a month); section 40 is a separate fund
	const paying = working || r.status.open?.section === 39;
	// section 40: its own old-age fund (options 2 and 3), paid at 60
	const s40Open = r.status.open?.section === 40;
	const s40Option = r.status.s40Option === 1 || r.status.s40Option === 2 || r.status.s40Option === 3 ? r.status.s40Option : null;
	const section40: Section40ProjectionInput | null =
		s40Open || r.s40.periods.length > 0
			? {
					today: t,
					birthDate: r.person.birthDate,
					option: s40Open ? s40Option : null,
					savingsSatang: r.s40.savingsSatang,
					lastRecordedPeriod: r.s40.periods.at(-1) ?? null,
					paying: s40Open
				}
			: null;
	const defaults = { wageBaht: Math.round((wageBases.at(-1) ?? 0) / 100), age: 55 };
	const calc = parseCalculator(url.searchParams.get('wage'), url.searchParams.get('age'), defaults);
	return {
		today: t,
		birthDate: r.person.birthDate,
		savings: r.totals.savings,
		// the section 33/39 part: the projection's lump sum (section 40 savings are a separate fund)
		ssoSavings: r.totals.ssoSavings,
		months: perMonth.length,
		// every month paid, section 40 included: the savings to date above count them all
		allMonths: r.totals.months,
		lastRecordedPeriod: perMonth.at(-1)?.period ?? null,
		wageBases,
		working,
		paying,
		section: r.status.open?.section ?? null,
		section40,
		defaults,
		calc,
		// what was typed, as typed (an invalid entry stays in the field next to its error)
		input: { wage: url.searchParams.get('wage') ?? String(calc.value.wageBaht), age: url.searchParams.get('age') ?? String(calc.value.age) }
	};
};
