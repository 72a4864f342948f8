/**
 * A browser without JavaScript, as far as HTTP goes: requests with a cookie jar, for the tests that need no page. The
 * calls have the shape of Playwright's request context (`post(url, { form | multipart | data, headers, maxRedirects })`,
 * `status()`, `headers()`, `text()`), so a test reads the same in either runner; built on Node's fetch.
 */

export interface Cookie {
	name: string;
	value: string;
	path: string;
	/** ms since the epoch; undefined for a cookie that ends with the browser */
	expires?: number;
}

export interface RequestOptions {
	headers?: Record<string, string>;
	/** 0: answer the redirect itself; otherwise followed (GET after a 303, as a browser does), up to this many (20) */
	maxRedirects?: number;
	/** form-encoded, as an HTML form posts */
	form?: Record<string, string>;
	/** multipart/form-data */
	multipart?: Record<string, string>;
	/** the body as it is (a string or bytes), or an object sent as JSON */
	data?: string | Buffer | object;
}

export class HttpResponse {
	constructor(
		private readonly response: Response,
		private readonly body: Buffer
	) {}
	status(): number {
		return this.response.status;
	}
	ok(): boolean {
		return this.response.ok;
	}
	/** the headers, names in lower case (Set-Cookie values joined by a newline) */
	headers(): Record<string, string> {
		const out: Record<string, string> = {};
		this.response.headers.forEach((value, name) => (out[name] = value));
		const cookies = this.response.headers.getSetCookie();
		if (cookies.length) out['set-cookie'] = cookies.join('\n');
		return out;
	}
	async text(): Promise<string> {
		return this.body.toString('utf8');
	}
	async json(): Promise<unknown> {
		return JSON.parse(this.body.toString('utf8'));
	}
}

export class HttpClient {
	private jar = new Map<string, Cookie>();

	constructor(
		readonly baseURL: string,
		cookies: Cookie[] = []
	) {
		for (const c of cookies) this.jar.set(`${c.name};${c.path}`, c);
	}

	get(url: string, options: Omit<RequestOptions, 'form' | 'multipart' | 'data'> = {}): Promise<HttpResponse> {
		return this.fetch('GET', url, options);
	}

	post(url: string, options: RequestOptions = {}): Promise<HttpResponse> {
		return this.fetch('POST', url, options);
	}

	/** the cookies this client would send now */
	cookies(): Cookie[] {
		const t = Date.now();
		return [...this.jar.values()].filter((c) => c.expires === undefined || c.expires > t);
	}

	/** Playwright's name for the jar, so helpers written for its request context work with this one */
	async storageState(): Promise<{ cookies: Cookie[] }> {
		return { cookies: this.cookies() };
	}

	async dispose(): Promise<void> {
		this.jar.clear();
	}

	private async fetch(method: 'GET' | 'POST', url: string, options: RequestOptions): Promise<HttpResponse> {
		let target = new URL(url, this.baseURL);
		let body: BodyInit | undefined;
		const headers: Record<string, string> = {};
		if (options.form) {
			body = new URLSearchParams(options.form).toString();
			headers['content-type'] = 'application/x-www-form-urlencoded';
		} else if (options.multipart) {
			const fd = new FormData();
			for (const [k, v] of Object.entries(options.multipart)) fd.append(k, v);
			body = fd;
		} else if (options.data !== undefined) {
			const d = options.data;
			if (typeof d === 'string') body = d;
			else if (Buffer.isBuffer(d)) body = new Uint8Array(d);
			else {
				body = JSON.stringify(d);
				headers['content-type'] = 'application/json';
			}
		}
		Object.assign(headers, lower(options.headers ?? {}));
		const follow = options.maxRedirects ?? 20;
		for (let hop = 0; ; hop++) {
			const cookie = this.cookieHeader(target);
			const response = await fetch(target, { method, headers: { ...headers, ...(cookie ? { cookie } : {}) }, body, redirect: 'manual' });
			const bytes = Buffer.from(await response.arrayBuffer());
			this.store(response, target);
			const location = response.headers.get('location');
			if (hop >= follow || response.status < 300 || response.status >= 400 || !location) return new HttpResponse(response, bytes);
			target = new URL(location, target);
			// 303 (and 301/302 after a POST, as browsers do) turn into a GET without a body; 307/308 repeat the request
			if (response.status === 303 || ((response.status === 301 || response.status === 302) && method === 'POST')) {
				method = 'GET';
				body = undefined;
				delete headers['content-type'];
			}
		}
	}

	private cookieHeader(url: URL): string {
		return this.cookies()
			.filter((c) => url.pathname === c.path || url.pathname.startsWith(c.path.endsWith('/') ? c.path : `${c.path}/`))
			.map((c) => `${c.name}=${c.value}`)
			.join('; ');
	}

	private store(response: Response, url: URL): void {
		for (const line of response.headers.getSetCookie()) {
			const [pair, ...attributes] = line.split(';');
			const eq = pair!.indexOf('=');
			if (eq < 1) continue;
			const cookie: Cookie = { name: pair!.slice(0, eq).trim(), value: pair!.slice(eq + 1).trim(), path: defaultPath(url) };
			let maxAge: number | undefined;
			for (const a of attributes) {
				const [k, v = ''] = a.split('=').map((x) => x.trim());
				const key = k!.toLowerCase();
				if (key === 'path' && v.startsWith('/')) cookie.path = v;
				else if (key === 'max-age') maxAge = Number(v);
				else if (key === 'expires' && cookie.expires === undefined) cookie.expires = Date.parse(v);
			}
			// Max-Age wins over Expires (RFC 6265 §5.3)
			if (maxAge !== undefined && Number.isFinite(maxAge)) cookie.expires = Date.now() + maxAge * 1000;
			const key = `${cookie.name};${cookie.path}`;
			if (cookie.expires !== undefined && cookie.expires <= Date.now()) this.jar.delete(key);
			else this.jar.set(key, cookie);
		}
	}
}

function lower(h: Record<string, string>): Record<string, string> {
	return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), v]));
}

/** RFC 6265 §5.1.4: the request path up to its last slash */
function defaultPath(url: URL): string {
	const p = url.pathname;
	const i = p.lastIndexOf('/');
	return i <= 0 ? '/' : p.slice(0, i);
}
