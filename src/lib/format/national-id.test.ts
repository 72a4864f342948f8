import { describe, expect, it } from 'vitest';
import { formatNationalId } from './national-id';
import { formatNationalId as fromValidation } from '../validation/national-id';

describe('formatNationalId: the 1-4-5-2-1 grouping of the card', () => {
	it.each([
		['1100500567899', '1-1005-00567-89-9'],
		['1103700123458', '1-1037-00123-45-8'],
		['3501100789014', '3-5011-00789-01-4'],
		['1-1005-00567-89-9', '1-1005-00567-89-9'],
		['1 1005 00567 89 9', '1-1005-00567-89-9'],
		['11005-0056-7899', '1-1005-00567-89-9']
	])('%s → %s', (id, shown) => {
		expect(formatNationalId(id)).toBe(shown);
	});
	it('shows anything that is not 13 digits as it is, never cut or padded', () => {
		expect(formatNationalId('110050056789')).toBe('110050056789');
		expect(formatNationalId('11005005678990')).toBe('11005005678990');
		expect(formatNationalId('11005005678a9')).toBe('11005005678a9');
		expect(formatNationalId('')).toBe('');
	});
	it('is the one formatter (validation re-exports it)', () => {
		expect(fromValidation).toBe(formatNationalId);
	});
});
