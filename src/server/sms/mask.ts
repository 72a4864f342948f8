/**
 * Phone numbers in a provider's error text ("The 'To' number +66812345678 is not a valid phone number") are personal
 * data: such text is logged and stored masked, every digit but the last four replaced by "*" (enough to tell which
 * number, not enough to reuse it). A phone number here is written as providers and people write one: "+" and a
 * country code (E.164), or a national number starting with 0; 8 to 15 digits in all, with spaces, dashes, dots or
 * brackets between them. Error codes, dates and times are left alone.
 */
const PHONE = /(?<![\w+])(?:\+\(?\d|\(?0)(?:[ \-.()]{0,2}\d){7,14}(?!\d)/g;

export function maskPhoneNumbers(text: string): string {
	return text.replace(PHONE, (number) => {
		let keep = 4;
		return [...number]
			.reverse()
			.map((ch) => (/\d/.test(ch) ? (keep-- > 0 ? ch : '*') : ch))
			.reverse()
			.join('');
	});
}
