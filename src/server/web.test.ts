import { describe, expect, it } from 'vitest';
import { safeRedirect } from './web';
import { ipKey } from './auth/rate-limit';

describe('safeRedirect', () => {
	it.each(['/dashboard', '/dashboard?tab=1#x', '/register/details'])('keeps the same-site path %s', (p) => {
		expect(safeRedirect(p, '/home')).toBe(p);
	});
	it.each([
		'//evil.com',
		'/\\evil.com',
		'/\t/evil.com',
		'/%09/evil.com'.replace('%09', '\t'),
		'/\n/evil.com',
		'https://evil.com',
		'evil.com',
		'',
		null,
		undefined,
		'/\\/evil.com'
	])('refuses %j', (p) => {
		expect(safeRedirect(p, '/home')).toBe('/home');
	});
	it('does not decode an encoded tab into a scheme-relative URL', () => {
		expect(safeRedirect('/%09/evil.com', '/home')).toBe('/%09/evil.com'); // stays a path on this site
		expect(new URL(safeRedirect('/%09/evil.com', '/home'), 'https://prakan.example').host).toBe('prakan.example');
	});
});

describe('ipKey', () => {
	it('keeps IPv4 whole, IPv4-mapped IPv6 as IPv4, and IPv6 by /64', () => {
		expect(ipKey('203.0.113.9')).toBe('203.0.113.9');
		expect(ipKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
		expect(ipKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
		expect(ipKey('2001:0db8:0001:0002:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
		expect(ipKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
		expect(ipKey('::1')).toBe('0:0:0:0::/64');
	});
});
