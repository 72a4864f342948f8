/**
 * The local card agent (somprasongd/go-thai-smartcard): PC/SC on the citizen's computer, pushing JSON frames
 * {event, payload} over a loopback WebSocket. Events: smc-data (payload.personal), smc-inserted, smc-removed,
 * smc-error, smc-status. The page may send {action: 'read-now'} or {action: 'get-status'}.
 */
import { CardError, type CardData, type CardName, type CardNotice } from './model';
import { isValidNationalId } from '$lib/validation/national-id';
import { parseAddress } from './parse';
import { toBE } from '../format/date';

/** A loopback agent accepts or refuses a connection at once: this long means nothing is there. */
const QUICK_CONNECT_MS = 3_000;
/** While the browser asks the person about the local network, the connection waits for their answer: this long at most. */
const ALLOW_WAIT_MS = 60_000;
/** The question is shown only if the connection is still held this long (no prompt: it opens at once). */
const ALLOW_HINT_MS = 600;
/**
 * Released agents ignore 'read-now' and send a card's data only when it goes in: a card already in gives nothing, and
 * after this long without a word the page asks for it to be taken out and put back instead of waiting out a timeout.
 */
const QUIET_MS = 3_000;
/** A read waits this long at most for a card to go in and be read. */
const READ_TIMEOUT_MS = 60_000;
export interface AgentPersonal {
	cid: string;
	name?: { prefix?: string; first_name?: string; middle_name?: string; last_name?: string; full_name?: string };
	name_eng?: { prefix?: string; first_name?: string; middle_name?: string; last_name?: string; full_name?: string };
	dob?: string;
	gender?: string;
	card_issuer?: string;
	issue_date?: string;
	expire_date?: string;
	address?: { house_no?: string; moo?: string; soi?: string; street?: string; subdistrict?: string; district?: string; province?: string; address?: string };
	base64_img?: string;
}

type LocalNetwork = 'granted' | 'prompt' | 'denied' | 'unknown';

/**
 * Chrome's local-network permission for this site (Chrome 142+: 'local-network-access'; later releases split it, the
 * agent on 127.0.0.1 being 'loopback-network'). 'unknown' where the browser has no such permission.
 */
async function localNetwork(): Promise<LocalNetwork> {
	for (const name of ['loopback-network', 'local-network-access']) {
		try {
			return (await navigator.permissions.query({ name } as unknown as PermissionDescriptor)).state;
		} catch {
			// not a permission this browser knows
		}
	}
	return 'unknown';
}

/** An open connection to the agent and the frames it sent before anyone listened (the agent may speak first). */
interface AgentLink {
	ws: WebSocket;
	queued: unknown[];
	/** the page was told to answer the browser's local-network question (the read that follows clears that) */
	asked?: boolean;
	listen?: (msg: unknown) => void;
}

async function open(url: string, notice?: (n: CardNotice) => void): Promise<AgentLink> {
	const permission = await localNetwork();
	if (permission === 'denied') throw new CardError('agent_blocked');
	const link = await new Promise<AgentLink>((resolve, reject) => {
		let ws: WebSocket;
		try {
			ws = new WebSocket(url);
		} catch {
			reject(new CardError('agent_unavailable'));
			return;
		}
		const link: AgentLink = { ws, queued: [] };
		ws.onmessage = (ev) => {
			let msg: unknown;
			try {
				msg = JSON.parse(String(ev.data));
			} catch {
				return; // not a frame of the agent's protocol
			}
			if (link.listen) link.listen(msg);
			else link.queued.push(msg);
		};
		// the browser holds the connection while it asks the person: their answer is waited for, and the page says so
		const asking =
			permission === 'prompt'
				? setTimeout(() => {
						link.asked = true;
						notice?.({ kind: 'allow' });
					}, ALLOW_HINT_MS)
				: undefined;
		const timer = setTimeout(
			() => {
				clearTimeout(asking);
				ws.close();
				reject(new CardError('agent_unavailable'));
			},
			permission === 'prompt' ? ALLOW_WAIT_MS : QUICK_CONNECT_MS
		);
		ws.onopen = () => {
			clearTimeout(timer);
			clearTimeout(asking);
			resolve(link);
		};
		ws.onerror = () => {
			clearTimeout(timer);
			clearTimeout(asking);
			reject(new CardError('agent_unavailable'));
		};
	}).catch(async (e: unknown) => {
		// refused at the browser's question: say how to allow it, not "the program is not running"
		if (permission === 'prompt' && (await localNetwork()) === 'denied') throw new CardError('agent_blocked');
		throw e;
	});
	return link;
}

let spare: AgentLink | null = null;

/**
 * Is an agent listening? The connection is kept for the read that follows (one local-network question, not two).
 * A refused local-network permission is an error of its own (the page says how to allow it).
 */
export async function agentListening(url: string, notice?: (n: CardNotice) => void): Promise<boolean> {
	spare?.ws.close();
	spare = null;
	try {
		const link = await open(url, notice);
		// another check finished meanwhile: one spare connection only
		(spare as AgentLink | null)?.ws.close();
		spare = link;
		return true;
	} catch (e) {
		if (e instanceof CardError && e.code === 'agent_blocked') throw e;
		return false;
	}
}

function takeSpare(url: string): AgentLink | null {
	const link = spare;
	spare = null;
	return link && link.ws.url === url && link.ws.readyState === WebSocket.OPEN ? link : null;
}

const name = (n: AgentPersonal['name']): CardName => ({
	prefix: n?.prefix?.trim() ?? '',
	first: n?.first_name?.trim() ?? '',
	middle: n?.middle_name?.trim() ?? '',
	last: n?.last_name?.trim() ?? ''
});
/** A real calendar date (ISO), or null: lifelong (9999-…), zeros and impossible dates are not dates. */
function isoOrNull(s?: string): string | null {
	if (!s || !/^\d{4}-\d{2}-\d{2}/.test(s) || s.startsWith('9999')) return null;
	const iso = s.slice(0, 10);
	const t = new Date(`${iso}T00:00:00Z`);
	return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === iso ? iso : null;
}

/** The agent's personal record → CardData (its dates are already Gregorian ISO). */
export function fromAgent(p: AgentPersonal): CardData {
	if (!p.cid || !isValidNationalId(p.cid)) throw new CardError('bad_card', 'national ID check digit');
	const dob = isoOrNull(p.dob);
	const a = p.address ?? {};
	const parsed = parseAddress([a.house_no, a.moo, '', a.soi, a.street, a.subdistrict, a.district, a.province].map((s) => s ?? '').join('#'));
	let photo: Uint8Array | null = null;
	if (p.base64_img) {
		try {
			photo = Uint8Array.from(atob(p.base64_img.replace(/^data:image\/\w+;base64,/, '')), (c) => c.charCodeAt(0));
		} catch {
			photo = null;
		}
	}
	return {
		nationalId: p.cid,
		th: name(p.name),
		en: name(p.name_eng),
		birthDate: dob
			? { iso: dob, yearBE: toBE(Number(dob.slice(0, 4))), month: Number(dob.slice(5, 7)), day: Number(dob.slice(8, 10)) }
			: { iso: null, yearBE: toBE(Number(p.dob?.slice(0, 4) ?? 0)), month: null, day: null },
		gender: p.gender === '1' || p.gender?.toLowerCase() === 'male' ? 'M' : p.gender === '2' || p.gender?.toLowerCase() === 'female' ? 'F' : null,
		issuer: p.card_issuer ?? '',
		issueDate: isoOrNull(p.issue_date),
		expiryDate: isoOrNull(p.expire_date),
		address: { ...parsed, full: a.address?.trim() || parsed.full },
		photo
	};
}

type AgentFrame = { event?: string; payload?: { personal?: AgentPersonal; message?: string; reader?: string; card?: boolean } };

/**
 * Read a card through the agent. The connection stays open and the card's data is taken whenever it comes: newer agents
 * answer 'read-now', released ones only push it when a card goes in. A reader with no card asks for one (by its name
 * when the agent says it); a card already in that brings nothing asks to be taken out and put back.
 */
export async function readFromAgent(url: string, progress: (f: number) => void, notice?: (n: CardNotice) => void): Promise<CardData> {
	const link = takeSpare(url) ?? (await open(url, notice));
	const { ws } = link;
	return new Promise<CardData>((resolve, reject) => {
		let reader = '';
		let cardIn: boolean | null = null;
		let quiet: ReturnType<typeof setTimeout> | undefined;
		let settled = false;
		const done = (f: () => void) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			clearTimeout(quiet);
			link.listen = () => {};
			ws.onclose = null;
			ws.close();
			f();
		};
		const timer = setTimeout(() => done(() => reject(new CardError('no_card'))), READ_TIMEOUT_MS);
		const waitQuietly = () => {
			clearTimeout(quiet);
			quiet = setTimeout(() => notice?.({ kind: cardIn === false ? 'insert' : 'reinsert', reader }), QUIET_MS);
		};
		const on = (raw: unknown) => {
			const msg = raw as AgentFrame;
			if (!msg || typeof msg !== 'object') return;
			if (msg.event === 'smc-data' && msg.payload?.personal) {
				const personal = msg.payload.personal;
				done(() => {
					try {
						resolve(fromAgent(personal));
					} catch (e) {
						reject(e);
					}
				});
			} else if (msg.event === 'smc-error') done(() => reject(new CardError('agent_error', msg.payload?.message)));
			else if (msg.event === 'smc-status') {
				if (typeof msg.payload?.reader === 'string') reader = msg.payload.reader.slice(0, 100);
				if (typeof msg.payload?.card === 'boolean') cardIn = msg.payload.card;
				if (cardIn === false) notice?.({ kind: 'insert', reader });
			} else if (msg.event === 'smc-inserted') {
				// a card went in: the agent reads it now
				cardIn = true;
				clearTimeout(quiet);
				progress(0.5);
			} else if (msg.event === 'smc-removed') {
				cardIn = false;
				notice?.({ kind: 'insert', reader });
			}
		};
		ws.onclose = () => done(() => reject(new CardError('agent_unavailable')));
		// the frames sent before the read was asked for, but no card's data from before a later removal (that card is out)
		const queued = link.queued.splice(0);
		let lastRemoved = -1;
		queued.forEach((msg, i) => (msg as AgentFrame | null)?.event === 'smc-removed' && (lastRemoved = i));
		for (const [i, msg] of queued.entries()) if (i > lastRemoved || (msg as AgentFrame | null)?.event !== 'smc-data') on(msg);
		// a card pushed before the read was asked for has settled it: nothing more to ask or wait for
		if (settled) return;
		link.listen = on;
		// the question answered: the page goes on from "press Allow"
		if (link.asked) progress(0);
		// newer agents read at once and say whether a card is in; released ones answer neither
		ws.send(JSON.stringify({ action: 'read-now' }));
		ws.send(JSON.stringify({ action: 'get-status' }));
		waitQuietly();
	});
}
