import { describe, expect, it } from 'vitest';
import { splitPhones } from './phones';

describe('phone numbers in messages', () => {
	it('finds the hotline and Bangkok numbers, each with its tel: number', () => {
		expect(splitPhones('สายด่วนประกันสังคม 1506 (ตลอด 24 ชั่วโมง)')).toEqual([
			{ text: 'สายด่วนประกันสังคม ' },
			{ text: '1506', tel: '1506' },
			{ text: ' (ตลอด 24 ชั่วโมง)' }
		]);
		expect(splitPhones('call 02-956-2400')).toEqual([{ text: 'call ' }, { text: '02-956-2400', tel: '029562400' }]);
	});
	it('leaves other numbers alone: amounts, years, IDs, dates', () => {
		for (const t of ['ส่งแล้ว 15060 เดือน', 'ปี 2569', '1,506.00 บาท', 'เลขบัตร 1-1037-00123-45-8', 'งวดที่ 1506-2']) expect(splitPhones(t), t).toEqual([{ text: t }]);
	});
});
