/**
 * Free text a citizen types where no stricter rule fits (an address line, an employer's name, an occupation):
 * letters with their marks, digits, spaces and everyday punctuation. No markup or statement characters
 * (< > ; = { } etc.), no control or invisible format characters (zero-width space, bidi overrides), and no more
 * than two combining marks in a row (Thai writes at most a vowel and a tone mark over one consonant).
 */
const PLAIN = /^[\p{L}\p{M}\p{N} .,/()\-#&'"+:_]*$/u;

export function isPlainText(s: string): boolean {
	return PLAIN.test(s) && !/\p{M}{3}/u.test(s);
}
