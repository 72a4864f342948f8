import { describe, expect, it } from 'vitest';
import { admissionProblem, emergencyAnswer, EMERGENCY_HOURS, PRIVATE_CEILINGS } from './emergency';

const H = 3_600_000;
const arrived = Date.parse('2026-12-06T20:30:00Z'); // 7 Dec 2026, 03:30 in Bangkok
const base = { kind: 'urgent' as const, admittedAt: arrived, now: arrived + 2 * H, rights: true, relation: 'other' as const, hospitalType: 'private' as const };

describe('emergency treatment away from the registered hospital', () => {
	it('no rights on the day of admission: nothing of the emergency rules applies', () => {
		expect(emergencyAnswer({ ...base, rights: false })).toEqual({ holds: false, why: 'no_rights' });
		expect(emergencyAnswer({ ...base, rights: false, kind: 'critical' })).toEqual({ holds: false, why: 'no_rights' });
	});

	it('the registered hospital or its network: the ordinary rights', () => {
		expect(emergencyAnswer({ ...base, relation: 'ours' })).toEqual({ holds: true, own: true });
		expect(emergencyAnswer({ ...base, relation: 'network' })).toEqual({ holds: true, own: true });
	});

	it('critical: UCEP, nothing charged to the person, for 72 hours from arrival, holidays counted', () => {
		const a = emergencyAnswer({ ...base, kind: 'critical', hospitalType: 'private' });
		expect(a).toEqual({ holds: true, own: false, kind: 'critical', until: arrived + 72 * H, within: true, ucep: true, pay: 'ucep' });
		expect(EMERGENCY_HOURS).toBe(72);
		// the last minute is within; the first after is not
		expect(emergencyAnswer({ ...base, kind: 'critical', now: arrived + 72 * H - 60_000 })).toMatchObject({ within: true });
		expect(emergencyAnswer({ ...base, kind: 'critical', now: arrived + 72 * H })).toMatchObject({ within: false });
	});

	it('urgent: the actual cost at a public hospital; the published ceilings at a private one', () => {
		expect(emergencyAnswer({ ...base, hospitalType: 'public' })).toMatchObject({ ucep: false, pay: 'actual_cost' });
		expect(emergencyAnswer(base)).toMatchObject({ ucep: false, pay: 'ceilings' });
		// 1,000 baht a visit; 2,000 a day of treatment and 700 of room and food; 4,500 a day in intensive care; 8,000–16,000 surgery
		expect(PRIVATE_CEILINGS).toEqual({
			outpatientVisitSatang: 100_000,
			inpatientTreatmentPerDaySatang: 200_000,
			roomAndFoodPerDaySatang: 70_000,
			intensiveCarePerDaySatang: 450_000,
			majorSurgeryMinSatang: 800_000,
			majorSurgeryMaxSatang: 1_600_000
		});
	});

	it('an admission time in the future, or over 30 days back, is refused', () => {
		expect(admissionProblem(arrived, arrived)).toBeNull();
		expect(admissionProblem(arrived + 4 * 60_000, arrived)).toBeNull(); // a clock a few minutes apart
		expect(admissionProblem(arrived + 10 * 60_000, arrived)).toBe('future');
		expect(admissionProblem(arrived - 30 * 24 * H, arrived)).toBeNull();
		expect(admissionProblem(arrived - 30 * 24 * H - 1, arrived)).toBe('too_old');
	});
});
