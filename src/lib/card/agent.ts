/**
 * The local card agent (somprasongd/go-thai-smartcard): PC/SC on the citizen's computer, pushing JSON frames
 * {event, payload} over a loopback WebSocket. Events: smc-data (payload.personal), smc-inserted, smc-removed,
 * smc-error, smc-status. The page may send {action: 'read-now'} or {action: 'get-status'}.
 */
import { CardError, type CardData, type CardName } from './model';
import { isValidNationalId } from '$lib/validation/national-id';
import { parseAddress } from './parse';
import { toBE } from '../format/date';

/** Chrome may first ask the citizen to allow local-network access: give the connection time. */
const CONNECT_TIMEOUT_MS = 4_000;
const READ_TIMEOUT_MS = 30_000;

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

function open(url: string): Promise<WebSocket> {
	return new Promise((resolve, reject) => {
		let ws: WebSocket;
		try {
			ws = new WebSocket(url);
		} catch {
			reject(new CardError('agent_unavailable'));
			return;
		}
		const timer = setTimeout(() => {
			ws.close();
			reject(new CardError('agent_unavailable'));
		}, CONNECT_TIMEOUT_MS);
		ws.onopen = () => {
			clearTimeout(timer);
			resolve(ws);
		};
		ws.onerror = () => {
			clearTimeout(timer);
			reject(new CardError('agent_unavailable'));
		};
	});
}

let spare: WebSocket | null = null;

/** Is an agent listening? The connection is kept for the read that follows (one local-network prompt, not two). */
export async function agentListening(url: string): Promise<boolean> {
	try {
		spare?.close();
		spare = await open(url);
		return true;
	} catch {
		spare = null;
		return false;
	}
}

function takeSpare(url: string): WebSocket | null {
	const ws = spare;
	spare = null;
	return ws && ws.url === url && ws.readyState === WebSocket.OPEN ? ws : null;
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

/** Ask the agent to read now and wait for the card's data (or its error). */
export async function readFromAgent(url: string, progress: (f: number) => void): Promise<CardData> {
	const ws = takeSpare(url) ?? (await open(url));
	progress(0.1);
	return new Promise<CardData>((resolve, reject) => {
		const done = (f: () => void) => {
			clearTimeout(timer);
			ws.close();
			f();
		};
		const timer = setTimeout(() => done(() => reject(new CardError('no_card'))), READ_TIMEOUT_MS);
		ws.onmessage = (ev) => {
			let msg: { event?: string; payload?: { personal?: AgentPersonal; message?: string } };
			try {
				msg = JSON.parse(String(ev.data));
			} catch {
				return;
			}
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
			else if (msg.event === 'smc-inserted') progress(0.5);
			else if (msg.event === 'smc-removed') progress(0.1);
		};
		ws.onclose = () => done(() => reject(new CardError('agent_unavailable')));
		ws.send(JSON.stringify({ action: 'read-now' }));
	});
}
