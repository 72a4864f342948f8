import { describe, expect, it } from 'vitest';
import { MOVE_MAX_DAYS_AGO, earliestMoveDate, hospitalChangeDates, moveProblem, requiredProvince } from './hospital-move';

describe('a hospital change declared by a move', () => {
	const today = '2026-11-26';
	const ok = { movedWhat: 'workplace', province: 'เชียงใหม่', movedOn: '2026-11-01' };
	it('asks which moved (workplace or home), its province and the date of the move', () => {
		expect(moveProblem(ok, today)).toBeNull();
		expect(moveProblem({ ...ok, movedWhat: 'home' }, today)).toBeNull();
		expect(moveProblem({ ...ok, movedWhat: undefined }, today)).toBe('moved_what');
		expect(moveProblem({ ...ok, movedWhat: 'school' }, today)).toBe('moved_what');
		expect(moveProblem({ ...ok, province: undefined }, today)).toBe('province');
		expect(moveProblem({ ...ok, province: 'Atlantis' }, today)).toBe('province');
		expect(moveProblem({ ...ok, movedOn: undefined }, today)).toBe('moved_on_missing');
	});
	it('takes a move from 90 days ago up to today, not a future one', () => {
		expect(MOVE_MAX_DAYS_AGO).toBe(90);
		expect(earliestMoveDate(today)).toBe('2026-08-28');
		expect(moveProblem({ ...ok, movedOn: today }, today)).toBeNull();
		expect(moveProblem({ ...ok, movedOn: '2026-11-27' }, today)).toBe('moved_on_future');
		expect(moveProblem({ ...ok, movedOn: '2026-08-28' }, today)).toBeNull();
		expect(moveProblem({ ...ok, movedOn: '2026-08-27' }, today)).toBe('moved_on_too_old');
	});
	it('needs the hospital in the new province after a move, else in the workplace province', () => {
		expect(requiredProvince({ moved: true, province: 'เชียงใหม่' }, 'กรุงเทพมหานคร')).toBe('เชียงใหม่');
		expect(requiredProvince({ moved: false, province: 'เชียงใหม่' }, 'กรุงเทพมหานคร')).toBe('กรุงเทพมหานคร');
		expect(requiredProvince({ moved: true }, 'กรุงเทพมหานคร')).toBeNull();
	});
	it('is decided the next day and applies from the next business day after the decision', () => {
		// sent Wednesday: decided Thursday, applies Friday
		expect(hospitalChangeDates('2026-11-25')).toEqual({ decidedOn: '2026-11-26', appliesFrom: '2026-11-27' });
		// sent Thursday: decided Friday, applies Monday
		expect(hospitalChangeDates('2026-11-26')).toEqual({ decidedOn: '2026-11-27', appliesFrom: '2026-11-30' });
		// sent Friday: decided Saturday, applies Monday
		expect(hospitalChangeDates('2026-11-27')).toEqual({ decidedOn: '2026-11-28', appliesFrom: '2026-11-30' });
	});
});
