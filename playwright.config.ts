import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3100);

export default defineConfig({
	testDir: 'tests/e2e',
	// one worker: the tests share one server, its database and its test clock
	workers: 1,
	fullyParallel: false,
	retries: 0,
	timeout: 60_000,
	reporter: [['list'], ['./tests/support/e2e-count-reporter.ts']],
	use: {
		baseURL: `http://localhost:${PORT}`,
		trace: 'retain-on-failure',
		launchOptions: {
			executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-quic',
				'--no-first-run',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync'
			]
		}
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 900 } } }],
	webServer: {
		command: 'npx tsx scripts/e2e-server.ts',
		url: `http://localhost:${PORT}/`,
		reuseExistingServer: false,
		timeout: 120_000,
		env: {
			PORT: String(PORT),
			ORIGIN: `http://localhost:${PORT}`,
			DATABASE_PATH: 'data/e2e.db',
			SEED_PERSONS: '400',
			SMS_PROVIDER: 'outbox',
			DEV_CLOCK: 'true',
			// every test registers from 127.0.0.1: lift the per-IP caps, keep the per-phone ones
			OTP_IP_PER_HOUR: '10000',
			OTP_IP_PER_DAY: '10000',
			LOGIN_IP_PER_HOUR: '10000',
			LOGIN_FAIL_IP_PER_HOUR: '10000',
			REGISTER_IP_PER_HOUR: '10000',
			RESET_IP_PER_HOUR: '10000'
		}
	}
});
