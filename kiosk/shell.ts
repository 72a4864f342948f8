/// <reference types="w3c-web-usb" />
/**
 * The kiosk shell: an Isolated Web App for a service centre's ChromeOS device. It shows the portal in a frame and reads
 * the Thai ID card for it with the portal's own driver, where no web page may: the Web Smart Card API first, then
 * WebUSB (a reader allowed by policy or chosen once with the button). It answers only its own frame at the portal's
 * exact origin (config.json, written by npm run build:kiosk) and sends to that origin only; the portal checks the
 * shell's origin the same way (src/lib/card/kiosk.ts). After a read it watches the reader and says when the card is
 * taken out, which clears the officer's screen.
 */
import { readCard, smartCardSource, webUsbSource, watchRemoval, type CardSource } from '../src/lib/card/sources';
import { CCID_CLASS, VENDOR_CLASS } from '../src/lib/card/ccid';
import { CardError, type CardErrorCode } from '../src/lib/card/model';
import { KIOSK_MESSAGE, type FromShell, type ToShell } from '../src/lib/card/kiosk';

interface ShellConfig {
	/** the portal's origin, e.g. https://prakan.sso.go.th */
	portal: string;
	/** the page the frame opens at, e.g. /staff/officer */
	start: string;
}

/** A message to the portal, without its type tag (each kind keeps its own fields). */
type Outgoing = FromShell extends infer T ? (T extends FromShell ? Omit<T, 'type'> : never) : never;

const status = document.getElementById('status')!;
const choose = document.getElementById('choose') as HTMLButtonElement;
const frame = document.getElementById('portal') as HTMLIFrameElement;

const SAY: Partial<Record<CardErrorCode, string>> = {
	no_reader: 'ไม่พบเครื่องอ่านบัตร เสียบเครื่องอ่านแล้วกดเลือกเครื่องอ่านบัตร',
	no_card: 'ไม่พบบัตรในเครื่องอ่าน',
	permission: 'ยังไม่ได้อนุญาตให้ใช้เครื่องอ่านบัตร',
	io: 'เครื่องอ่านบัตรหยุดตอบสนอง ถอดเครื่องอ่านแล้วเสียบใหม่'
};

async function loadConfig(): Promise<ShellConfig> {
	const c = (await (await fetch('/config.json')).json()) as ShellConfig;
	if (new URL(c.portal).origin !== c.portal || !c.start.startsWith('/')) throw new Error('config.json: portal must be an origin, start a path');
	return c;
}

function start(config: ShellConfig): void {
	let busy = false;
	/** whether the card read last is still in (null: none read yet) */
	let cardIn: boolean | null = null;
	let stopWatching: () => Promise<void> = async () => {};

	const send = (msg: Outgoing) => frame.contentWindow?.postMessage({ type: KIOSK_MESSAGE, ...msg }, config.portal);

	const read = async (id: string) => {
		busy = true;
		// the removal watcher's question to the reader, if one is under way, ends before this read opens the device
		await stopWatching();
		cardIn = null;
		status.textContent = 'กำลังอ่านบัตร…';
		try {
			const { card, source } = await readCard(
				[smartCardSource, webUsbSource],
				(fraction) => send({ op: 'progress', id, fraction }),
				(notice) => send({ op: 'notice', id, notice })
			);
			send({ op: 'result', id, card });
			status.textContent = 'อ่านบัตรแล้ว';
			watch(source);
		} catch (e) {
			const code = e instanceof CardError ? e.code : 'io';
			send({ op: 'error', id, code });
			status.textContent = SAY[code] ?? 'อ่านบัตรไม่สำเร็จ';
		} finally {
			busy = false;
		}
	};

	const watch = (source: CardSource['id']) => {
		cardIn = true;
		stopWatching = watchRemoval(source, '', () => {
			cardIn = false;
			send({ op: 'removed' });
			status.textContent = 'ดึงบัตรออกแล้ว';
		});
	};

	window.addEventListener('message', (ev: MessageEvent) => {
		// only the portal in this shell's own frame, at its exact origin
		if (ev.source !== frame.contentWindow || ev.origin !== config.portal) return;
		const msg = ev.data as ToShell;
		if (!msg || typeof msg !== 'object' || msg.type !== KIOSK_MESSAGE || typeof msg.id !== 'string' || msg.id.length > 64) return;
		if (msg.op === 'hello') send({ op: 'ready', id: msg.id, cardIn });
		else if (msg.op === 'read') {
			if (busy) send({ op: 'error', id: msg.id, code: 'io' });
			else void read(msg.id);
		}
	});

	// a reader not yet allowed by policy is chosen once, by a person (the browser's chooser needs a press here)
	if ('usb' in navigator) {
		choose.hidden = false;
		choose.addEventListener('click', () => {
			void navigator.usb
				.requestDevice({ filters: [{ classCode: CCID_CLASS }, { classCode: VENDOR_CLASS }] })
				.then((d) => (status.textContent = `เครื่องอ่านบัตร: ${d.productName ?? ''}`))
				.catch(() => (status.textContent = SAY.no_reader!));
		});
	}
	status.textContent = 'พร้อมอ่านบัตรประชาชน';
	frame.src = new URL(config.start, config.portal).toString();
}

loadConfig().then(start, (e: unknown) => {
	status.textContent = `ตั้งค่าไม่ถูกต้อง: ${e instanceof Error ? e.message : String(e)}`;
});
