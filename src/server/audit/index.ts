import { schema, transaction } from '../db';
import { now } from '../clock';

export interface AuditEntry {
	actor: string;
	action: string;
	subject?: string | null;
	ip?: string | null;
	detail?: Record<string, unknown>;
}

/** Append to the audit log: who did what to whose data, when, from where (in the caller's transaction, when it has one). */
export async function audit(e: AuditEntry): Promise<void> {
	await transaction((tx) =>
		tx
			.insert(schema.auditLog)
			.values({ at: now(), actor: e.actor, action: e.action, subject: e.subject ?? null, ip: e.ip ?? null, detail: e.detail ? JSON.stringify(e.detail) : null })
	);
}
