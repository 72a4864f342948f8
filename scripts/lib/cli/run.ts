import { prepareDatabase } from '../../../src/server/db';
import { exitOnStartupError } from '../../../src/server/db/startup';

/**
 * A command-line tool as a function: it takes the arguments and returns what it would print and its exit status, so
 * tests call the very same code in their own process and the script file only prints and exits.
 */
export interface CliResult {
	code: number;
	stdout: string;
	stderr: string;
}

export class Output {
	private out: string[] = [];
	private err: string[] = [];
	log(line: string): void {
		this.out.push(line);
	}
	error(line: string): void {
		this.err.push(line);
	}
	done(code: number): CliResult {
		return { code, stdout: this.out.map((l) => `${l}\n`).join(''), stderr: this.err.map((l) => `${l}\n`).join('') };
	}
}

/** The script's side: print what the tool said and exit with its status. */
export async function runMain(tool: (argv: string[]) => Promise<CliResult> | CliResult): Promise<never> {
	// the database answers (PostgreSQL is migrated by npm start and db:migrate, not by each command)
	try {
		await prepareDatabase();
	} catch (e) {
		exitOnStartupError(e);
	}
	const r = await tool(process.argv.slice(2));
	process.stdout.write(r.stdout);
	process.stderr.write(r.stderr);
	process.exit(r.code);
}
