/** Put what the card says into a form's inputs (by name), as if typed: the citizen can still correct anything. */
import type { CardData } from './model';

export function setInputs(form: HTMLFormElement | null | undefined, values: Record<string, string | null | undefined>): void {
	if (!form) return;
	for (const [name, value] of Object.entries(values)) {
		if (value === null || value === undefined) continue;
		const input = form.elements.namedItem(name);
		if (input instanceof HTMLInputElement) {
			input.value = value;
			input.dispatchEvent(new Event('input', { bubbles: true }));
		}
	}
}

/** The identity fields of the registration and password-reset forms (birth date typed in พ.ศ.). */
export function identityValues(card: CardData): Record<string, string | null> {
	const b = card.birthDate;
	return {
		nationalId: card.nationalId,
		firstName: card.th.first,
		lastName: card.th.last,
		birthDay: b.day ? String(b.day) : null,
		birthMonth: b.month ? String(b.month) : null,
		birthYear: String(b.yearBE)
	};
}
