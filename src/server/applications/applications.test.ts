import { beforeEach, describe, expect, it } from 'vitest';
import { addAccountTo, freshDatabase, seedTestRegistry, testEngines, type TestDb } from '../../../tests/unit/engines';
import { DEMO_PEOPLE } from '../registry/seed';
import { setClockOffset } from '../clock';
import { loadRecords } from '../registry/records';
import { advance, applicationEvents, getApplication } from './store';
import { runScheduledDecisions } from './registry';
import { submitSection40, type S40Answers } from './section40/application';
import { applyPayment, billFor } from './section40/payment';
import { submitHospitalChange, hospitalsIn, hospitalContext } from './hospital/change';
import { submitUnemployment, computeClaim, daysToRegistrationLine, setForceMajeureRate, unemploymentContext } from './unemployment/claim';
import { claimCalendar, recordReport } from './unemployment/reports';

const engines = await testEngines('application tests on PostgreSQL');
let db: TestDb;
/** Put the server's clock at noon (Bangkok) of a day. */
const setToday = (iso: string) => setClockOffset(Date.parse(`${iso}T05:00:00Z`) - Date.now());
const TODAY = '2026-11-26';
const addUser = (id: string, nationalId: string, phone: string) => addAccountTo(db, id, nationalId, phone);
const count = (sql: string, ...args: unknown[]) => db.count(sql, ...args);
const smsTo = (phone: string) => db.all<{ body: string; purpose: string }>('SELECT body, purpose FROM sms_outbox WHERE to_phone = ? ORDER BY id', phone);

describe.each(engines)('on %s', (engine) => {
	beforeEach(async () => {
		db = await freshDatabase(engine);
		setToday(TODAY);
		await seedTestRegistry(db, { persons: 30, today: TODAY, seed: 7 });
	});

	const s40Answers: S40Answers = {
		pensioner: 'no',
		address: { line: '1', subdistrict: 'a', district: 'b', province: 'c', postcode: '10400' },
		occupation: 'trader',
		option: '2'
	};

	describe('section 40 application and payment', () => {
		const who = DEMO_PEOPLE.neverInsured.id;
		const submit = (key = 'k1') => submitSection40({ userId: 'u1', nationalId: who, key, answers: s40Answers, today: TODAY, ip: null });

		it('creates one application per attempt, however often it is submitted', async () => {
			await addUser('u1', who, '0811111111');
			const a = await submit();
			const b = await submit();
			expect(a).toMatchObject({ created: true });
			expect(b).toMatchObject({ created: false });
			if (!a.ok || !b.ok) throw new Error('not created');
			await a.notice;
			expect(b.app.ref).toBe(a.app.ref);
			expect(a.app.ref).toMatch(/^S40-2569-000001$/);
			expect(await count('SELECT count(*) n FROM applications')).toBe(1);
			// a second attempt while the first slip is open is refused
			expect(await submit('k2')).toEqual({ ok: false, reason: 'refused', refusal: 'pending' });
			expect((await smsTo('0811111111')).map((s) => s.purpose)).toEqual(['application:submitted']);
		});

		it('refuses someone under section 33', async () => {
			await addUser('u2', DEMO_PEOPLE.s33Active.id, '0822222222');
			expect(await submitSection40({ userId: 'u2', nationalId: DEMO_PEOPLE.s33Active.id, key: 'k', answers: s40Answers, today: TODAY, ip: null })).toEqual({
				ok: false,
				reason: 'refused',
				refusal: 'section33'
			});
		});

		it('activates the membership from the payment date, once, even when the bank calls twice', async () => {
			await addUser('u1', who, '0811111111');
			const r = await submit();
			if (!r.ok) throw new Error('not created');
			const bill = billFor(r.app);
			const notice = {
				transactionId: 'TXN000001',
				billerId: bill.billerId,
				ref1: bill.ref1,
				ref2: bill.ref2,
				amountSatang: bill.amountSatang,
				paidOn: '2026-11-27'
			};
			expect(await applyPayment({ ...notice, amountSatang: 9_999 })).toEqual({ ok: false, reason: 'wrong_amount' });
			expect(await applyPayment({ ...notice, ref1: DEMO_PEOPLE.s33Active.id })).toEqual({ ok: false, reason: 'wrong_payer' });
			expect(await applyPayment({ ...notice, paidOn: '2020-01-01' })).toEqual({ ok: false, reason: 'paid_before_slip' });
			expect(await applyPayment({ ...notice, ref2: 'S402569999999' })).toEqual({ ok: false, reason: 'unknown_reference' });
			const first = await applyPayment(notice);
			expect(first).toMatchObject({ ok: true, duplicate: false, ref: r.app.ref });
			await first.sms;
			expect(await applyPayment(notice)).toMatchObject({ ok: true, duplicate: true });
			expect(await applyPayment({ ...notice, transactionId: 'TXN000002' })).toEqual({ ok: false, reason: 'not_payable' });
			expect(await count('SELECT count(*) n FROM coverages WHERE person_id = ? AND section = 40', who)).toBe(1);
			expect(await count('SELECT count(*) n FROM payments')).toBe(1);
			const rec = await loadRecords(who, '2026-11-27');
			expect(rec.status.open).toMatchObject({ section: 40, s40Option: 2, startDate: '2026-11-27' });
			expect(rec.lines.at(-1)).toMatchObject({ period: '2026-11', section: 40, insuredSatang: 10_000, governmentSatang: 5_000 });
			expect((await getApplication(r.app.ref))!.status).toBe('active');
			expect((await applicationEvents(r.app.id)).map((e) => e.status)).toEqual(['submitted', 'active']);
			expect((await smsTo('0811111111')).map((s) => s.purpose)).toEqual(['application:submitted', 'application:active']);
		});

		it('puts an all-digit reference 2 on the slip, checks it on payment, and keeps older letter-and-digit slips payable', async () => {
			await addUser('u1', who, '0811111111');
			const r = await submit();
			if (!r.ok) throw new Error('not created');
			const bill = billFor(r.app);
			expect(r.app.ref).toMatch(/^S40-2569-\d{6}$/);
			expect(bill.ref2).toBe(`40${r.app.ref.slice(4, 8)}${r.app.ref.slice(9)}`);
			expect(bill.ref2).toMatch(/^\d{12}$/);
			const notice = { transactionId: 'TXN000010', billerId: bill.billerId, ref1: bill.ref1, amountSatang: bill.amountSatang, paidOn: '2026-11-27' };
			// another number, or the same digits in another order, is no slip of ours
			expect(await applyPayment({ ...notice, ref2: '402569999999' })).toEqual({ ok: false, reason: 'unknown_reference' });
			expect(await applyPayment({ ...notice, ref2: `${bill.ref2}0` })).toEqual({ ok: false, reason: 'unknown_reference' });
			expect(await applyPayment({ ...notice, ref2: bill.ref2.slice(1) })).toEqual({ ok: false, reason: 'unknown_reference' });
			// a slip printed before the change carries S40yyyynnnnnn: still this application
			const old = await applyPayment({ ...notice, ref2: r.app.ref.replace(/-/g, '') });
			expect(old).toMatchObject({ ok: true, duplicate: false, ref: r.app.ref });
			await old.sms;
		});

		it('accepts a payment made on the last valid day even when the expiry job ran before the callback', async () => {
			await addUser('u1', who, '0811111111');
			const r = await submit();
			if (!r.ok) throw new Error('not created');
			const bill = billFor(r.app);
			expect((await runScheduledDecisions('2026-12-26')).expired).toEqual([r.app.ref]);
			const notice = { transactionId: 'TXN9', billerId: bill.billerId, ref1: bill.ref1, ref2: bill.ref2, amountSatang: bill.amountSatang };
			expect(await applyPayment({ ...notice, paidOn: '2026-12-26' })).toEqual({ ok: false, reason: 'expired' });
			const late = await applyPayment({ ...notice, paidOn: '2026-12-25' });
			expect(late).toMatchObject({ ok: true, duplicate: false });
			await late.sms;
			expect((await getApplication(r.app.ref))!.status).toBe('active');
		});

		it('expires an unpaid slip after 30 days', async () => {
			await addUser('u1', who, '0811111111');
			const r = await submit();
			if (!r.ok) throw new Error('not created');
			expect((await runScheduledDecisions('2026-12-25')).expired).toEqual([]);
			expect((await runScheduledDecisions('2026-12-26')).expired).toEqual([r.app.ref]);
		});
	});

	describe('lifecycle', () => {
		it('moves only along the lifecycle, needs a reason to refuse, and activates section 40 only by payment', async () => {
			await addUser('u1', DEMO_PEOPLE.neverInsured.id, '0811111111');
			const r = await submitSection40({ userId: 'u1', nationalId: DEMO_PEOPLE.neverInsured.id, key: 'k', answers: s40Answers, today: TODAY, ip: null });
			if (!r.ok) throw new Error('not created');
			expect(await advance(r.app.ref, 'active', { actor: 'cli' })).toMatchObject({ ok: false, reason: 'payment_only' });
			expect(await advance(r.app.ref, 'paid', { actor: 'cli' })).toMatchObject({ ok: false, reason: 'not_allowed' });
			expect(await advance(r.app.ref, 'rejected', { actor: 'cli' })).toMatchObject({ ok: false, reason: 'reason_required' });
			expect(await advance(r.app.ref, 'rejected', { actor: 'cli', reason: 'ข้อมูลไม่ครบ' })).toMatchObject({ ok: true });
			expect(await advance('S40-2569-999999', 'rejected', { actor: 'cli', reason: 'x' })).toMatchObject({ ok: false, reason: 'not_found' });
			expect(await count("SELECT count(*) n FROM audit_log WHERE action = 'application.rejected'")).toBe(1);
		});
	});

	describe('the unemployment registration line', () => {
		it('counts the days left to day 30, moved past a weekend or holiday', () => {
			expect(daysToRegistrationLine('2026-09-30', '2026-10-23')).toBe(7); // Friday 30 October
			expect(daysToRegistrationLine('2026-03-16', '2026-04-10')).toBe(6); // Wednesday 15 April is Songkran: Thursday the 16th
			expect(daysToRegistrationLine('2026-10-01', '2026-11-02')).toBe(0); // Saturday 31 October: Monday 2 November
			expect(daysToRegistrationLine('2026-10-01', '2026-11-03')).toBe(-1);
		});
	});

	describe('hospital change', () => {
		const who = DEMO_PEOPLE.s33Active.id;
		it('is approved the next day and applies from the next working day', async () => {
			await addUser('u1', who, '0833333333');
			setToday('2026-12-18'); // Friday, inside the window
			const ctx = await hospitalContext(who, '2026-12-18', false);
			const choice = (await hospitalsIn(ctx.workProvince!, ctx.current!.code))[0]!;
			const r = await submitHospitalChange({ userId: 'u1', nationalId: who, key: 'h1', answers: { hospitalCode: choice.code }, today: '2026-12-18', ip: null });
			if (!r.ok) throw new Error(`refused ${JSON.stringify(r)}`);
			expect((await runScheduledDecisions('2026-12-18')).approved).toEqual([]);
			setToday('2026-12-19');
			expect((await runScheduledDecisions('2026-12-19')).approved).toEqual([r.app.ref]);
			const rec = await loadRecords(who, '2026-12-19');
			expect(rec.hospital!.code).toBe(ctx.current!.code);
			expect(rec.nextHospital).toMatchObject({ code: choice.code, validFrom: '2026-12-21' });
			expect((await loadRecords(who, '2026-12-21')).hospital).toMatchObject({ code: choice.code, validFrom: '2026-12-21' });
			// once per window
			expect((await hospitalContext(who, '2027-01-05', false)).allowed).toMatchObject({ ok: false, reason: 'once_a_year' });
		});
		it('approved the day before a holiday, applies after it', async () => {
			await addUser('u1', who, '0833333333');
			setToday('2026-12-29');
			const ctx = await hospitalContext(who, '2026-12-29', false);
			const choice = (await hospitalsIn(ctx.workProvince!, ctx.current!.code))[0]!;
			const r = await submitHospitalChange({ userId: 'u1', nationalId: who, key: 'h1', answers: { hospitalCode: choice.code }, today: '2026-12-29', ip: null });
			if (!r.ok) throw new Error(`refused ${JSON.stringify(r)}`);
			setToday('2026-12-30'); // Wednesday; 31 December and 1 January are holidays, then the weekend
			expect((await runScheduledDecisions('2026-12-30')).approved).toEqual([r.app.ref]);
			expect((await loadRecords(who, '2026-12-30')).nextHospital).toMatchObject({ code: choice.code, validFrom: '2027-01-04' });
			expect((await loadRecords(who, '2027-01-01')).hospital!.code).toBe(ctx.current!.code);
		});
		it('is refused outside the window unless the citizen moved', async () => {
			await addUser('u1', who, '0833333333');
			const ctx = await hospitalContext(who, TODAY, false);
			expect(ctx.allowed).toMatchObject({ ok: false, reason: 'outside_window' });
			const choice = (await hospitalsIn(ctx.workProvince!, ctx.current!.code))[0]!;
			expect(await submitHospitalChange({ userId: 'u1', nationalId: who, key: 'h1', answers: { hospitalCode: choice.code }, today: TODAY, ip: null })).toEqual({
				ok: false,
				reason: 'refused',
				refusal: 'outside_window'
			});
			expect(
				await submitHospitalChange({
					userId: 'u1',
					nationalId: who,
					key: 'h2',
					answers: { moved: true, movedWhat: 'home', province: choice.province, movedOn: '2026-11-20', hospitalCode: choice.code },
					today: TODAY,
					ip: null
				})
			).toMatchObject({ created: true });
		});
		it('after a declared move, needs what moved, its province and a move date within 90 days, and a hospital in that province', async () => {
			await addUser('u1', who, '0833333333');
			const ctx = await hospitalContext(who, TODAY, true);
			const choice = (await hospitalsIn(ctx.workProvince!, ctx.current!.code))[0]!;
			const elsewhere = (await db.get('SELECT code FROM hospitals WHERE province <> ? LIMIT 1', choice.province)) as { code: string };
			const move = { moved: true, movedWhat: 'workplace' as const, province: choice.province, movedOn: '2026-11-20', hospitalCode: choice.code };
			const send = (key: string, answers: Record<string, unknown>) =>
				submitHospitalChange({ userId: 'u1', nationalId: who, key, answers: { ...move, ...answers }, today: TODAY, ip: null });
			expect(await send('m1', { movedWhat: undefined, movedOn: undefined })).toEqual({ ok: false, reason: 'refused', refusal: 'move_details' });
			expect(await send('m2', { movedOn: '2026-11-27' })).toEqual({ ok: false, reason: 'refused', refusal: 'move_details' });
			expect(await send('m3', { movedOn: '2026-08-27' })).toEqual({ ok: false, reason: 'refused', refusal: 'move_details' });
			expect(await send('m4', { province: 'Atlantis' })).toEqual({ ok: false, reason: 'refused', refusal: 'move_details' });
			expect(await send('m5', { hospitalCode: elsewhere.code })).toEqual({ ok: false, reason: 'refused', refusal: 'wrong_province' });
			expect(await count("SELECT count(*) n FROM applications WHERE kind = 'hospital'")).toBe(0);
			expect(await send('m6', { movedOn: '2026-08-28' })).toMatchObject({ created: true });
		});
		it('after a declared move to another province, goes to an officer instead of being approved automatically', async () => {
			await addUser('u1', who, '0833333333');
			const ctx = await hospitalContext(who, TODAY, true);
			const elsewhere = (await db.get('SELECT code, province FROM hospitals WHERE province <> ? LIMIT 1', ctx.workProvince)) as {
				code: string;
				province: string;
			};
			const r = await submitHospitalChange({
				userId: 'u1',
				nationalId: who,
				key: 'h3',
				answers: { moved: true, movedWhat: 'workplace', province: elsewhere.province, movedOn: '2026-11-01', hospitalCode: elsewhere.code },
				today: TODAY,
				ip: null
			});
			if (!r.ok) throw new Error(`refused ${JSON.stringify(r)}`);
			setToday('2026-11-27');
			expect((await runScheduledDecisions('2026-11-27')).approved).toEqual([]);
			expect((await getApplication(r.app.ref))!.status).toBe('under_review');
		});
	});

	describe('unemployment claim', () => {
		const who = DEMO_PEOPLE.dismissed.id;
		it('is approved, reported twice and paid per period, once each', async () => {
			await addUser('u1', who, '0844444444');
			const ctx = await unemploymentContext(who, TODAY);
			const r = await submitUnemployment({
				userId: 'u1',
				nationalId: who,
				key: 'u1',
				answers: { employer: ctx.prefill.employer, lastWorkingDay: ctx.prefill.lastWorkingDay, cause: 'dismissed', payment: { method: 'promptpay' } },
				today: TODAY,
				ip: null
			});
			if (!r.ok) throw new Error(`refused ${JSON.stringify(r)}`);
			const outcome = JSON.parse((await getApplication(r.app.ref))!.outcome);
			expect(outcome.estimate.eligible).toBe(true);
			expect(await claimCalendar((await getApplication(r.app.ref))!, TODAY)).toBeNull();
			expect((await advance(r.app.ref, 'approved', { actor: 'cli' })).ok).toBe(true);
			const cal = (await claimCalendar((await getApplication(r.app.ref))!, TODAY))!;
			const first = cal.periods[0]!;
			const answers = { stillUnemployed: true, foundWork: false, refusedOffer: false, workStart: null };
			expect(await recordReport((await getApplication(r.app.ref))!, answers, TODAY, null)).toMatchObject({ ok: false, reason: 'not_open' });
			setToday(first.dueOn);
			const rep = await recordReport((await getApplication(r.app.ref))!, answers, first.dueOn, null);
			expect(rep).toMatchObject({ ok: true, periodNo: 1, paidSatang: outcome.figures.dailySatang * 30 });
			expect(await recordReport((await getApplication(r.app.ref))!, answers, first.dueOn, null)).toMatchObject({ ok: false, reason: 'not_open' });
			const second = cal.periods[1]!;
			setToday(second.dueOn);
			expect(await recordReport((await getApplication(r.app.ref))!, answers, second.dueOn, null)).toMatchObject({ ok: true, periodNo: 2 });
			expect(await count("SELECT count(*) n FROM benefit_claims WHERE application_id = ? AND status = 'paid'", r.app.id)).toBe(2);
			// each payment carries the claim's cause, which the yearly day caps of a later claim depend on
			expect(await count("SELECT count(*) n FROM benefit_claims WHERE application_id = ? AND cause = 'dismissed'", r.app.id)).toBe(2);
			expect((await getApplication(r.app.ref))!.status).toBe('paid');
			expect((await applicationEvents(r.app.id)).map((e) => e.status)).toEqual(['submitted', 'approved', 'paid']);
		});
	});

	describe('unemployment days after an earlier claim in the same year', () => {
		const who = DEMO_PEOPLE.dismissed.id;
		/** an earlier, finished claim this year: `days` benefit days from 1 March, for `cause` */
		const earlier = async (days: number, cause: string) => {
			await db.run("DELETE FROM benefit_claims WHERE person_id = ? AND kind = 'unemployment'", who);
			const end = new Date(Date.parse('2026-03-01') + (days - 1) * 86_400_000).toISOString().slice(0, 10);
			await db.run(
				"INSERT INTO benefit_claims (person_id,kind,claim_date,start_date,end_date,amount_satang,status,paid_date,cause) VALUES (?,'unemployment','2026-02-20','2026-03-01',?,0,'paid',?,?)",
				who,
				end,
				end,
				cause
			);
		};
		const maxDays = async (cause: 'dismissed' | 'resigned' | 'contract_ended') => {
			const ctx = await unemploymentContext(who, TODAY);
			return computeClaim(ctx, { lastWorkingDay: ctx.prefill.lastWorkingDay, cause }, TODAY).figures.maxDays;
		};

		// sso-rules.md: 180 days a calendar year for all causes together; resignation or contract end at most 90 within it
		it('counts earlier lay-off days in the 180-day total only', async () => {
			await earlier(60, 'dismissed');
			expect(await maxDays('resigned')).toBe(90); // min(180 − 60, 90 − 0)
			expect(await maxDays('dismissed')).toBe(120); // 180 − 60
			await earlier(120, 'business_closed');
			expect(await maxDays('contract_ended')).toBe(60); // min(180 − 120, 90 − 0)
			await earlier(180, 'dismissed');
			expect(await maxDays('resigned')).toBe(0);
		});

		it('counts earlier resignation days in both caps', async () => {
			await earlier(60, 'resigned');
			expect(await maxDays('resigned')).toBe(30); // min(180 − 60, 90 − 60)
			expect(await maxDays('dismissed')).toBe(120); // 180 − 60
			await earlier(90, 'contract_ended');
			expect(await maxDays('resigned')).toBe(0);
			expect(await maxDays('dismissed')).toBe(90);
		});
	});

	describe('force-majeure unemployment claim', () => {
		const who = DEMO_PEOPLE.dismissed.id;
		it('is accepted without an amount, and approved and paid only at the rate the officer sets (Act s.79/1)', async () => {
			await addUser('u1', who, '0844444444');
			const ctx = await unemploymentContext(who, TODAY);
			const lastWorkingDay = ctx.prefill.lastWorkingDay;
			const r = await submitUnemployment({
				userId: 'u1',
				nationalId: who,
				key: 'fm1',
				answers: { employer: ctx.prefill.employer, lastWorkingDay, cause: 'force_majeure', payment: { method: 'promptpay' } },
				today: TODAY,
				ip: null
			});
			if (!r.ok) throw new Error(`refused ${JSON.stringify(r)}`);
			const before = JSON.parse((await getApplication(r.app.ref))!.outcome);
			expect(before.figures).toMatchObject({ rateBp: null, dailySatang: null, monthlySatang: null, totalSatang: null });
			// no invented rate: approval waits for the officer's decision
			expect(await advance(r.app.ref, 'approved', { actor: 'cli' })).toMatchObject({ ok: false, reason: 'rate_required' });
			expect(await setForceMajeureRate(r.app.ref, { rateBp: 0 }, { actor: 'cli' })).toEqual({ ok: false, reason: 'bad_rate' });
			expect(await setForceMajeureRate(r.app.ref, { rateBp: 5000, maxDays: 90 }, { actor: 'cli' })).toMatchObject({ ok: true });
			// the daily amount from the registry rows: 50 % of the mean of the 3 highest wage bases of the 9 months before
			// the month of unemployment, ÷ 30, rounded to the satang
			const month = new Date(Date.parse(lastWorkingDay) + 86_400_000).toISOString().slice(0, 7);
			const [y, mo] = month.split('-').map(Number) as [number, number];
			const from9 = new Date(Date.UTC(y, mo - 1 - 9, 1)).toISOString().slice(0, 7);
			const top3 = (
				await db.all<{ w: number | string }>(
					'SELECT wage_base_satang AS w FROM contributions WHERE person_id = ? AND section = 33 AND period >= ? AND period < ? ORDER BY w DESC LIMIT 3',
					who,
					from9,
					month
				)
			).map((x) => Number(x.w));
			const average = Math.round(top3.reduce((a, b) => a + b, 0) / top3.length);
			const daily = Math.round((average * 0.5) / 30);
			const after = JSON.parse((await getApplication(r.app.ref))!.outcome);
			expect(after.figures).toMatchObject({ rateBp: 5000, dailySatang: daily, monthlySatang: daily * 30, maxDays: 90, totalSatang: daily * 90 });
			expect((await advance(r.app.ref, 'approved', { actor: 'cli' })).ok).toBe(true);
			expect((await claimCalendar((await getApplication(r.app.ref))!, TODAY))!.periods.map((p) => p.amountSatang)).toEqual([
				daily * 30,
				daily * 30,
				daily * 30
			]);
			// decided once: not changed after approval
			expect(await setForceMajeureRate(r.app.ref, { rateBp: 6000 }, { actor: 'cli' })).toEqual({ ok: false, reason: 'not_open' });
		});

		it('refuses a rate for a claim of another cause', async () => {
			await addUser('u1', who, '0844444444');
			const ctx = await unemploymentContext(who, TODAY);
			const r = await submitUnemployment({
				userId: 'u1',
				nationalId: who,
				key: 'fm2',
				answers: { employer: ctx.prefill.employer, lastWorkingDay: ctx.prefill.lastWorkingDay, cause: 'dismissed', payment: { method: 'promptpay' } },
				today: TODAY,
				ip: null
			});
			if (!r.ok) throw new Error(`refused ${JSON.stringify(r)}`);
			expect(await setForceMajeureRate(r.app.ref, { rateBp: 5000 }, { actor: 'cli' })).toEqual({ ok: false, reason: 'not_force_majeure' });
		});
	});
});
