/**
 * The kiosk shell's card bridge, seen from the portal page framed inside it. The shell (kiosk/, an Isolated Web App on
 * a service centre's ChromeOS device) may use the card reader where no web page can; the portal asks it to read over
 * postMessage, and both sides check the other's exact origin: the portal answers and believes only its parent window
 * at an origin the server lists (KIOSK_SHELL_ORIGINS, given to the page in a <meta>), the shell only its own frame at
 * the portal's origin. Messages carry no code, only data; the card's fields are checked again here.
 */
import { CardError, type CardData, type CardErrorCode, type CardNotice } from './model';
import { isValidNationalId } from '$lib/validation/national-id';

export const KIOSK_MESSAGE = 'prakan-card';

/** Portal → shell. */
export type ToShell = { type: typeof KIOSK_MESSAGE; op: 'hello' | 'read'; id: string };
/**
 * Shell → portal: answers carry the id of the question; `removed` (the card last read was taken out) none. `cardIn`:
 * whether the card last read is still in the reader (null: none read), for a page reloaded while it was read.
 */
export type FromShell =
	| { type: typeof KIOSK_MESSAGE; op: 'ready'; id: string; cardIn: boolean | null }
	| { type: typeof KIOSK_MESSAGE; op: 'progress'; id: string; fraction: number }
	| { type: typeof KIOSK_MESSAGE; op: 'notice'; id: string; notice: CardNotice }
	| { type: typeof KIOSK_MESSAGE; op: 'result'; id: string; card: CardData }
	| { type: typeof KIOSK_MESSAGE; op: 'error'; id: string; code: CardErrorCode }
	| { type: typeof KIOSK_MESSAGE; op: 'removed' };

const CODES: readonly CardErrorCode[] = ['unsupported', 'security', 'no_reader', 'no_card', 'permission', 'bad_card', 'io'];
/** The shell answers at once when it is there; a frame that is not the shell never answers. */
const HELLO_MS = 1_000;
/** Waiting for a card and reading it take the shell at most this long (its own limits are shorter). */
const READ_MS = 60_000;

/** The shell origins this page may be framed by, from the server (none: not a kiosk deployment). */
export function kioskOrigins(): string[] {
	if (typeof document === 'undefined') return [];
	return (document.querySelector('meta[name="prakan-kiosk"]')?.getAttribute('content') ?? '').split(/\s+/).filter(Boolean);
}

/** The parent's origin when this page is framed by a listed shell (Chromium tells a frame its ancestors' origins). */
function shellOrigin(): string | null {
	if (typeof window === 'undefined' || window.parent === window) return null;
	const parent = window.location.ancestorOrigins?.[0];
	const allowed = kioskOrigins();
	if (parent) return allowed.includes(parent) ? parent : null;
	return allowed.length === 1 ? allowed[0]! : null;
}

const str = (v: unknown, max = 200): v is string => typeof v === 'string' && v.length <= max;
const name = (n: unknown) => !!n && typeof n === 'object' && ['prefix', 'first', 'middle', 'last'].every((k) => str((n as Record<string, unknown>)[k]));
/** null, or a real calendar date in ISO form (a card read here never carries another: parse.ts and agent.ts make it null) */
const isoOrNull = (v: unknown) => {
	if (v === null) return true;
	if (!str(v, 10) || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
	const t = new Date(`${v}T00:00:00Z`);
	return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === v;
};
const ADDRESS_KEYS = ['houseNo', 'moo', 'lane', 'soi', 'road', 'subdistrict', 'district', 'province', 'full'] as const;
const intOrNull = (v: unknown, min: number, max: number) => v === null || (Number.isInteger(v) && (v as number) >= min && (v as number) <= max);
const NOTICES = ['insert', 'reinsert', 'allow'];

/** A card as the shell sent it, or a 'bad_card' error: the same checks as a card read here. */
export function checkedCard(c: unknown): CardData {
	const card = c as CardData;
	const ok =
		!!card &&
		typeof card === 'object' &&
		str(card.nationalId, 13) &&
		isValidNationalId(card.nationalId) &&
		name(card.th) &&
		name(card.en) &&
		!!card.birthDate &&
		isoOrNull(card.birthDate.iso) &&
		Number.isInteger(card.birthDate.yearBE) &&
		intOrNull(card.birthDate.month, 1, 12) &&
		intOrNull(card.birthDate.day, 1, 31) &&
		[null, 'M', 'F'].includes(card.gender) &&
		str(card.issuer) &&
		isoOrNull(card.issueDate) &&
		isoOrNull(card.expiryDate) &&
		!!card.address &&
		typeof card.address === 'object' &&
		ADDRESS_KEYS.every((k) => str(card.address[k], 400)) &&
		(card.photo === null || (card.photo instanceof Uint8Array && card.photo.length <= 64 * 1024));
	if (!ok) throw new CardError('bad_card', 'card from the kiosk shell');
	return card;
}

function fromShell(ev: MessageEvent, origin: string, id?: string): FromShell | null {
	if (ev.source !== window.parent || ev.origin !== origin) return null;
	const msg = ev.data as FromShell;
	if (!msg || typeof msg !== 'object' || msg.type !== KIOSK_MESSAGE) return null;
	if (id !== undefined && (!('id' in msg) || msg.id !== id)) return null;
	return msg;
}

/** Ask the shell one question; `on` sees each answer to it until it returns true (or the time runs out: false). */
function ask(origin: string, op: ToShell['op'], ms: number, on: (msg: FromShell) => boolean): Promise<boolean> {
	const id = crypto.randomUUID();
	return new Promise((resolve) => {
		const done = (v: boolean) => {
			clearTimeout(timer);
			window.removeEventListener('message', listener);
			resolve(v);
		};
		const listener = (ev: MessageEvent) => {
			const msg = fromShell(ev, origin, id);
			if (msg && on(msg)) done(true);
		};
		const timer = setTimeout(() => done(false), ms);
		window.addEventListener('message', listener);
		window.parent.postMessage({ type: KIOSK_MESSAGE, op, id } satisfies ToShell, origin);
	});
}

export const kioskSource = {
	id: 'kiosk' as const,
	async detect(): Promise<boolean> {
		const origin = shellOrigin();
		return !!origin && (await ask(origin, 'hello', HELLO_MS, (m) => m.op === 'ready'));
	},
	async read(progress: (f: number) => void, notice?: (n: CardNotice) => void): Promise<CardData> {
		const origin = shellOrigin();
		if (!origin) throw new CardError('no_reader');
		let outcome: { card: CardData } | { error: CardError } | null = null;
		const answered = await ask(origin, 'read', READ_MS, (m) => {
			if (m.op === 'progress') progress(Math.min(1, Math.max(0, Number(m.fraction) || 0)));
			else if (m.op === 'notice') {
				const n = m.notice as { kind?: unknown; reader?: unknown } | null;
				if (n && typeof n.kind === 'string' && NOTICES.includes(n.kind))
					notice?.(n.kind === 'allow' ? { kind: 'allow' } : { kind: n.kind as 'insert' | 'reinsert', reader: str(n.reader, 100) ? n.reader : '' });
			} else if (m.op === 'result') {
				try {
					outcome = { card: checkedCard(m.card) };
				} catch (e) {
					outcome = { error: e as CardError };
				}
				return true;
			} else if (m.op === 'error') {
				outcome = { error: new CardError(CODES.includes(m.code) ? m.code : 'io', 'from the kiosk shell') };
				return true;
			}
			return false;
		});
		const o = outcome as { card: CardData } | { error: CardError } | null;
		if (!answered || !o) throw new CardError('no_card');
		if ('error' in o) throw o.error;
		return o.card;
	}
};

/** Watch for the shell saying the card read last was taken out. Returns a stop function. */
export function watchKioskRemoval(onRemoved: () => void): () => void {
	const origin = shellOrigin();
	if (!origin) {
		// not in the shell any more (the page was opened elsewhere): nobody can say the card is still in
		onRemoved();
		return () => {};
	}
	let stopped = false;
	const listener = (ev: MessageEvent) => {
		if (!stopped && fromShell(ev, origin)?.op === 'removed') onRemoved();
	};
	window.addEventListener('message', listener);
	// taken out while this page was loading (the message then had nobody to hear it), or a shell that no longer answers
	void ask(origin, 'hello', HELLO_MS, (m) => m.op === 'ready' && (m.cardIn !== true && !stopped && onRemoved(), true)).then(
		(answered) => !answered && !stopped && onRemoved()
	);
	return () => {
		stopped = true;
		window.removeEventListener('message', listener);
	};
}
