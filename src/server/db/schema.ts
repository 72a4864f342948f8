/**
 * The database: the registry SSO holds (seeded with demo data, later fed by employer files)
 * and the portal's own accounts and activity. Calendar dates are ISO text (YYYY-MM-DD),
 * contribution months are YYYY-MM, instants are integer milliseconds, money is integer satang.
 */
import { sql } from 'drizzle-orm';
import { sqliteTable, text, integer, blob, index, uniqueIndex, primaryKey } from 'drizzle-orm/sqlite-core';
// the closed lists of words the records use; the pages' labels are checked against them
import {
	APPLICATION_KINDS,
	APPLICATION_STATUSES,
	BENEFIT_KINDS,
	CLAIM_STATUSES,
	END_REASONS,
	LOOKUP_VIEWS,
	LOOKUP_METHODS,
	HOSPITAL_REQUEST_PURPOSES,
	HOSPITAL_REQUEST_STATES,
	NOTICE_KINDS,
	NOTICE_STATES
} from '../../lib/vocabulary';

// ── Registry ────────────────────────────────────────────────────────────────

export const persons = sqliteTable(
	'persons',
	{
		nationalId: text('national_id').primaryKey(),
		titleTh: text('title_th').notNull(),
		firstNameTh: text('first_name_th').notNull(),
		lastNameTh: text('last_name_th').notNull(),
		titleEn: text('title_en').notNull(),
		firstNameEn: text('first_name_en').notNull(),
		lastNameEn: text('last_name_en').notNull(),
		birthDate: text('birth_date').notNull(),
		gender: text('gender', { enum: ['M', 'F'] }).notNull(),
		/** ISO 3166-1 alpha-2 */
		nationality: text('nationality').notNull().default('TH'),
		/** a foreign worker's passport, as its holder shows it with the SSO card (upper case, no spaces); its expiry date */
		passportNo: text('passport_no'),
		passportExpiry: text('passport_expiry')
	},
	(t) => [index('persons_passport').on(t.passportNo, t.nationality)]
);

export const employers = sqliteTable(
	'employers',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		accountNo: text('account_no').notNull(),
		branch: text('branch').notNull(),
		nameTh: text('name_th').notNull(),
		nameEn: text('name_en').notNull(),
		province: text('province').notNull()
	},
	(t) => [uniqueIndex('employers_account_branch').on(t.accountNo, t.branch)]
);

export const employments = sqliteTable(
	'employments',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		personId: text('person_id')
			.notNull()
			.references(() => persons.nationalId),
		employerId: integer('employer_id')
			.notNull()
			.references(() => employers.id),
		startDate: text('start_date').notNull(),
		endDate: text('end_date'),
		endReason: text('end_reason', { enum: END_REASONS }),
		monthlyWageSatang: integer('monthly_wage_satang').notNull()
	},
	(t) => [index('employments_person').on(t.personId)]
);

export const coverages = sqliteTable(
	'coverages',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		personId: text('person_id')
			.notNull()
			.references(() => persons.nationalId),
		section: integer('section').notNull(),
		s40Option: integer('s40_option'),
		startDate: text('start_date').notNull(),
		endDate: text('end_date'),
		endReason: text('end_reason', { enum: END_REASONS })
	},
	(t) => [index('coverages_person').on(t.personId)]
);

export const contributions = sqliteTable(
	'contributions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		personId: text('person_id')
			.notNull()
			.references(() => persons.nationalId),
		period: text('period').notNull(),
		section: integer('section').notNull(),
		employerId: integer('employer_id').references(() => employers.id),
		/** 'E<employer id>' or 'self': one row per person, month and payer. */
		payer: text('payer').notNull(),
		wageBaseSatang: integer('wage_base_satang').notNull(),
		insuredSatang: integer('insured_satang').notNull(),
		employerSatang: integer('employer_satang').notNull(),
		governmentSatang: integer('government_satang').notNull(),
		paidDate: text('paid_date').notNull(),
		/** the employer's SSO 1-10 submission this month came from; null for the registry's own history */
		submissionId: integer('submission_id')
	},
	(t) => [uniqueIndex('contributions_person_period_payer').on(t.personId, t.period, t.payer), index('contributions_payer_period').on(t.payer, t.period)]
);

export const hospitals = sqliteTable('hospitals', {
	code: text('code').primaryKey(),
	nameTh: text('name_th').notNull(),
	nameEn: text('name_en').notNull(),
	province: text('province').notNull(),
	districtTh: text('district_th').notNull().default(''),
	districtEn: text('district_en').notNull().default(''),
	type: text('type', { enum: ['public', 'private'] })
		.notNull()
		.default('public')
});

export const hospitalAssignments = sqliteTable(
	'hospital_assignments',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		personId: text('person_id')
			.notNull()
			.references(() => persons.nationalId),
		hospitalCode: text('hospital_code')
			.notNull()
			.references(() => hospitals.code),
		validFrom: text('valid_from').notNull(),
		validTo: text('valid_to'),
		asOf: text('as_of').notNull()
	},
	(t) => [index('hospital_assignments_person').on(t.personId)]
);

/** causes an unemployment benefit is paid for (a dismissal for misconduct is not paid) */
export const UNEMPLOYMENT_CAUSES = ['dismissed', 'business_closed', 'force_majeure', 'resigned', 'contract_ended'] as const;

export const benefitClaims = sqliteTable(
	'benefit_claims',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		personId: text('person_id')
			.notNull()
			.references(() => persons.nationalId),
		kind: text('kind', { enum: BENEFIT_KINDS }).notNull(),
		claimDate: text('claim_date').notNull(),
		startDate: text('start_date'),
		endDate: text('end_date'),
		amountSatang: integer('amount_satang').notNull(),
		status: text('status', { enum: CLAIM_STATUSES }).notNull(),
		paidDate: text('paid_date'),
		/** the portal application this payment belongs to (unemployment: one row per paid 30-day period) */
		applicationId: integer('application_id'),
		/** the 30-day period of the claim (1, 2, …), so a period is never paid twice */
		periodNo: integer('period_no'),
		/**
		 * unemployment only: why the job ended. The yearly caps differ by cause (Act s.79; sso-rules.md): 180 days a
		 * calendar year for all causes together, at most 90 of them for resignation or the end of a fixed-term contract.
		 */
		cause: text('cause', { enum: UNEMPLOYMENT_CAUSES })
	},
	(t) => [index('benefit_claims_person').on(t.personId), uniqueIndex('benefit_claims_application_period').on(t.applicationId, t.periodNo)]
);

// ── Accounts and activity ───────────────────────────────────────────────────

export const users = sqliteTable('users', {
	id: text('id').primaryKey(),
	nationalId: text('national_id')
		.notNull()
		.unique()
		.references(() => persons.nationalId),
	phone: text('phone').notNull(),
	passwordHash: text('password_hash').notNull(),
	phoneVerifiedAt: integer('phone_verified_at').notNull(),
	termsVersion: text('terms_version').notNull(),
	termsAcceptedAt: integer('terms_accepted_at').notNull(),
	locale: text('locale', { enum: ['th', 'en', 'my', 'km', 'lo'] })
		.notNull()
		.default('th'),
	/** the newest contribution month the citizen has been told about (for "what's new") */
	seenPeriod: text('seen_period'),
	passwordChangedAt: integer('password_changed_at').notNull(),
	createdAt: integer('created_at').notNull(),
	/**
	 * Set when the citizen closed the account (PDPA): the phone and password hash are then erased, and the row
	 * stays only as the link from SSO's own records (applications) to the national ID. Registering again reopens it.
	 */
	closedAt: integer('closed_at'),
	/**
	 * How sure we are that the account is its national ID's person: 'sms', opened by the three-step wizard (facts others
	 * may know, and a phone); 'thaid', proved by ThaID (DOPA checked the card and the face); 'in_person', proved by an
	 * officer with the ID card in hand. What each allows: src/lib/rules/assurance.ts.
	 */
	assurance: text('assurance', { enum: ['sms', 'thaid', 'in_person'] })
		.notNull()
		.default('sms'),
	/** when the account was last proved (by ThaID or in person) */
	provedAt: integer('proved_at'),
	/** when ThaID first proved the account (then it may sign in with ThaID as well as its password) */
	thaidLinkedAt: integer('thaid_linked_at')
});

/**
 * Failed log-ins per national ID, whether or not an account exists, so the lockout behaves the same for
 * unknown IDs and never tells who is registered. `failed` counts attempts in the current run of failures.
 */
export const loginThrottle = sqliteTable('login_throttle', {
	nationalId: text('national_id').primaryKey(),
	failed: integer('failed').notNull().default(0),
	lockedUntil: integer('locked_until')
});

/**
 * Browsers that signed in to an account before (NIST SP 800-63B §5.2.2): each keeps its own run of wrong passwords for
 * that account, so failures from anywhere else never lock the owner's own device. `key` is the national ID or
 * `staff:<username>`; `device` the SHA-256 of the random id in the browser's signed `device` cookie. A row is made
 * only by a successful sign-in, so nobody can make one for someone else's account.
 */
export const loginDevices = sqliteTable(
	'login_devices',
	{
		key: text('key').notNull(),
		device: text('device').notNull(),
		failed: integer('failed').notNull().default(0),
		lockedUntil: integer('locked_until'),
		signedInAt: integer('signed_in_at').notNull()
	},
	(t) => [primaryKey({ columns: [t.key, t.device] }), index('login_devices_signed_in').on(t.signedInAt)]
);

export const sessions = sqliteTable(
	'sessions',
	{
		/** hex SHA-256 of the token in the cookie; the token itself is never stored */
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: integer('created_at').notNull(),
		lastSeenAt: integer('last_seen_at').notNull(),
		expiresAt: integer('expires_at').notNull(),
		ip: text('ip'),
		userAgent: text('user_agent')
	},
	(t) => [index('sessions_user').on(t.userId)]
);

export const OTP_PURPOSES = [
	'register',
	'reset',
	'phone_change',
	'phone_old',
	'counter_phone',
	'account_confirm',
	'confirm',
	'staff_login',
	'staff_activate'
] as const;

export const otpChallenges = sqliteTable(
	'otp_challenges',
	{
		id: text('id').primaryKey(),
		purpose: text('purpose', { enum: OTP_PURPOSES }).notNull(),
		phone: text('phone').notNull(),
		/** who the challenge is for (national ID), so a verified code can be tied to a person */
		subject: text('subject').notNull(),
		/** JSON array of { h: HMAC-SHA256 hex of the code, exp: ms } — every code sent, valid until its own expiry */
		codes: text('codes').notNull(),
		createdAt: integer('created_at').notNull(),
		expiresAt: integer('expires_at').notNull(),
		lastSentAt: integer('last_sent_at').notNull(),
		sends: integer('sends').notNull().default(1),
		attempts: integer('attempts').notNull().default(0),
		consumedAt: integer('consumed_at'),
		ip: text('ip'),
		/** what happens once the code is right (e.g. the new account's fields); never a plain password */
		payload: text('payload')
	},
	(t) => [index('otp_challenges_phone').on(t.phone, t.createdAt)]
);

/** Registration and password-reset drafts: server-side state between steps, keyed by a cookie. */
export const flowDrafts = sqliteTable('flow_drafts', {
	id: text('id').primaryKey(),
	kind: text('kind', {
		enum: ['register', 'reset', 'section40', 'unemployment', 'hospital', 'phone', 'staff_login', 'staff_activate', 'thaid', 'proof', 'counter', 'confirm']
	}).notNull(),
	data: text('data').notNull(),
	createdAt: integer('created_at').notNull(),
	updatedAt: integer('updated_at').notNull(),
	expiresAt: integer('expires_at').notNull()
});

export const smsOutbox = sqliteTable(
	'sms_outbox',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		createdAt: integer('created_at').notNull(),
		provider: text('provider').notNull(),
		toPhone: text('to_phone').notNull(),
		body: text('body').notNull(),
		purpose: text('purpose').notNull(),
		status: text('status', { enum: ['queued', 'sent', 'failed'] }).notNull(),
		providerMessageId: text('provider_message_id'),
		error: text('error')
	},
	(t) => [index('sms_outbox_phone').on(t.toPhone, t.createdAt)]
);

export const auditLog = sqliteTable(
	'audit_log',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		at: integer('at').notNull(),
		actor: text('actor').notNull(),
		action: text('action').notNull(),
		subject: text('subject'),
		ip: text('ip'),
		detail: text('detail')
	},
	(t) => [index('audit_subject').on(t.subject, t.at)]
);

export const rateLimits = sqliteTable(
	'rate_limits',
	{
		key: text('key').notNull(),
		windowStart: integer('window_start').notNull(),
		count: integer('count').notNull()
	},
	(t) => [primaryKey({ columns: [t.key, t.windowStart] })]
);

// ── Applications ────────────────────────────────────────────────────────────

export const applications = sqliteTable(
	'applications',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** e.g. S40-2569-000123: kind prefix, Buddhist Era year of submission, sequence within that year */
		ref: text('ref').notNull().unique(),
		kind: text('kind', { enum: APPLICATION_KINDS }).notNull(),
		personId: text('person_id')
			.notNull()
			.references(() => persons.nationalId),
		userId: text('user_id')
			.notNull()
			.references(() => users.id),
		status: text('status', { enum: APPLICATION_STATUSES }).notNull(),
		/** random per attempt (kept in the flow draft and the form): a second submit with it finds the first */
		idempotencyKey: text('idempotency_key').notNull().unique(),
		/** JSON: what the citizen answered */
		answers: text('answers').notNull(),
		/** JSON: what the portal computed at submission (amount due, estimate, …) */
		outcome: text('outcome').notNull(),
		reason: text('reason'),
		submittedOn: text('submitted_on').notNull(),
		createdAt: integer('created_at').notNull(),
		updatedAt: integer('updated_at').notNull()
	},
	(t) => [index('applications_person').on(t.personId, t.createdAt), index('applications_status').on(t.kind, t.status)]
);

/**
 * The last number given in each kind's references for a year (prefix e.g. HOS-2569-): taken by one atomic update in a
 * transaction of its own before the application's, so simultaneous submissions never contend for the newest
 * reference inside their own transactions. A number taken by a submission that is then refused is not given again.
 */
export const applicationRefs = sqliteTable('application_refs', {
	prefix: text('prefix').primaryKey(),
	last: integer('last').notNull()
});

export const applicationEvents = sqliteTable(
	'application_events',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		applicationId: integer('application_id')
			.notNull()
			.references(() => applications.id),
		at: integer('at').notNull(),
		status: text('status', { enum: APPLICATION_STATUSES }).notNull(),
		reason: text('reason'),
		actor: text('actor').notNull()
	},
	(t) => [index('application_events_app').on(t.applicationId, t.at)]
);

/** Payments confirmed by the bank's callback; one row per bank transaction, applied once. */
export const payments = sqliteTable('payments', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	transactionId: text('transaction_id').notNull().unique(),
	applicationId: integer('application_id')
		.notNull()
		.references(() => applications.id),
	amountSatang: integer('amount_satang').notNull(),
	paidOn: text('paid_on').notNull(),
	receivedAt: integer('received_at').notNull()
});

/** Monthly report-ins of an unemployment claim: one per 30-day period. */
export const unemploymentReports = sqliteTable(
	'unemployment_reports',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		applicationId: integer('application_id')
			.notNull()
			.references(() => applications.id),
		periodNo: integer('period_no').notNull(),
		reportedOn: text('reported_on').notNull(),
		stillUnemployed: integer('still_unemployed', { mode: 'boolean' }).notNull(),
		foundWork: integer('found_work', { mode: 'boolean' }).notNull(),
		refusedOffer: integer('refused_offer', { mode: 'boolean' }).notNull(),
		workStart: text('work_start'),
		at: integer('at').notNull()
	},
	(t) => [uniqueIndex('unemployment_reports_period').on(t.applicationId, t.periodNo)]
);

// ── Staff: service-centre officers, hospital clerks, administrators ──

export const STAFF_ROLES = ['officer', 'hospital', 'admin', 'employer'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Staff accounts: separate from citizens' accounts, created by `npm run staff:create`, activated by a one-time link. */
export const staffUsers = sqliteTable('staff_users', {
	id: text('id').primaryKey(),
	username: text('username').notNull().unique(),
	role: text('role', { enum: STAFF_ROLES }).notNull(),
	firstName: text('first_name').notNull(),
	lastName: text('last_name').notNull(),
	position: text('position').notNull().default(''),
	/** officers: the service centre they work at */
	centre: text('centre'),
	/** hospital clerks: the one hospital they check rights for */
	hospitalCode: text('hospital_code').references(() => hospitals.code),
	/** employers' staff: the one account + branch they submit contributions for */
	employerId: integer('employer_id').references(() => employers.id),
	/** the mobile number the sign-in codes go to, set (and verified) at activation */
	phone: text('phone'),
	officePhone: text('office_phone').notNull().default(''),
	email: text('email').notNull().default(''),
	passwordHash: text('password_hash'),
	/** SHA-256 of the one-time activation token; null once used */
	activationHash: text('activation_hash'),
	activationExpiresAt: integer('activation_expires_at'),
	createdAt: integer('created_at').notNull(),
	activatedAt: integer('activated_at'),
	lastLoginAt: integer('last_login_at'),
	/** when `npm run staff:enable` last re-enabled it: the six unused months start again from here */
	enabledAt: integer('enabled_at'),
	disabledAt: integer('disabled_at'),
	disabledReason: text('disabled_reason', { enum: ['dormant', 'admin'] })
});

/**
 * Staff sessions: at most one per account (seed 000 §7.3), a unique staff id makes it so. The citizen an officer has on
 * screen is kept here, server-side, never in a URL: from a card read or a typed ID with its reason, until the card is
 * removed or two minutes pass without activity.
 */
export const staffSessions = sqliteTable('staff_sessions', {
	id: text('id').primaryKey(),
	staffId: text('staff_id')
		.notNull()
		.unique()
		.references(() => staffUsers.id),
	createdAt: integer('created_at').notNull(),
	lastSeenAt: integer('last_seen_at').notNull(),
	expiresAt: integer('expires_at').notNull(),
	ip: text('ip'),
	userAgent: text('user_agent'),
	citizenId: text('citizen_id'),
	citizenMethod: text('citizen_method', { enum: LOOKUP_METHODS }),
	citizenReason: text('citizen_reason'),
	citizenAt: integer('citizen_at')
});

/** Why a staff session that no longer exists ended, kept a day so the device can be told (a sign-in elsewhere, idle). */
export const staffSessionEnds = sqliteTable('staff_session_ends', {
	id: text('id').primaryKey(),
	reason: text('reason', { enum: ['replaced', 'idle', 'expired'] }).notNull(),
	at: integer('at').notNull()
});

/** Every look at a citizen's data by staff: who, role, where, whose, how the ID was obtained, what was seen, when, from where. */
export const staffLookups = sqliteTable(
	'staff_lookups',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		at: integer('at').notNull(),
		staffId: text('staff_id')
			.notNull()
			.references(() => staffUsers.id),
		username: text('username').notNull(),
		role: text('role', { enum: STAFF_ROLES }).notNull(),
		/** the centre's name, or the hospital's code */
		place: text('place').notNull(),
		nationalId: text('national_id').notNull(),
		method: text('method', { enum: LOOKUP_METHODS }).notNull(),
		reason: text('reason'),
		/** a look by passport: the number and state typed (national_id is then the holder's, or empty if none was found) */
		passportNo: text('passport_no'),
		nationality: text('nationality'),
		/** an emergency check: when the person was admitted (its reason is `reason`) */
		admittedAt: integer('admitted_at'),
		view: text('view', { enum: LOOKUP_VIEWS }).notNull(),
		/** whether the registry knows the ID */
		found: integer('found', { mode: 'boolean' }).notNull(),
		ip: text('ip')
	},
	(t) => [index('staff_lookups_person').on(t.nationalId, t.at), index('staff_lookups_at').on(t.at)]
);

/** Network hospitals (สถานพยาบาลเครือข่าย) of a main contractor (seed 003). */
export const hospitalNetworks = sqliteTable(
	'hospital_networks',
	{
		mainCode: text('main_code')
			.notNull()
			.references(() => hospitals.code),
		memberCode: text('member_code')
			.notNull()
			.references(() => hospitals.code)
	},
	(t) => [primaryKey({ columns: [t.mainCode, t.memberCode] })]
);

// ── Employers' monthly contribution files, SSO 1-10 ──

export const SUBMISSION_STATES = ['staging', 'pending', 'confirmed', 'replaced'] as const;
export const SUBMISSION_FORMATS = ['fixed', 'csv', 'xlsx', 'registry'] as const;

/**
 * One upload of one employer's month: `staging` while its file streams in and is checked, then `pending` for the review step; confirming writes its
 * rows into `contributions` in one transaction and gives it a transaction number. Confirming a month that already has
 * rows marks the earlier version `replaced` (format `registry` when the earlier rows came from the registry itself) and
 * keeps its rows here, for audit.
 */
export const employerSubmissions = sqliteTable(
	'employer_submissions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** หมายเลขธุรกรรม, given at confirmation */
		txnNo: text('txn_no').unique(),
		employerId: integer('employer_id')
			.notNull()
			.references(() => employers.id),
		period: text('period').notNull(),
		status: text('status', { enum: SUBMISSION_STATES }).notNull(),
		format: text('format', { enum: SUBMISSION_FORMATS }).notNull(),
		fileName: text('file_name').notNull().default(''),
		fileSha256: text('file_sha256').notNull().default(''),
		/** the staff (employer) account that uploaded it */
		uploadedBy: text('uploaded_by'),
		uploadedAt: integer('uploaded_at').notNull(),
		paymentDate: text('payment_date').notNull(),
		rateBp: integer('rate_bp').notNull(),
		persons: integer('persons').notNull(),
		wagesSatang: integer('wages_satang').notNull(),
		wageBaseSatang: integer('wage_base_satang').notNull(),
		employeeSatang: integer('employee_satang').notNull(),
		employerSatang: integer('employer_satang').notNull(),
		confirmedAt: integer('confirmed_at'),
		confirmedBy: text('confirmed_by'),
		/** submitted after the 15th of the following month */
		late: integer('late', { mode: 'boolean' }).notNull().default(false),
		replacedAt: integer('replaced_at'),
		replacedById: integer('replaced_by_id')
	},
	(t) => [
		index('employer_submissions_employer').on(t.employerId, t.period, t.status),
		// one version of a month in force per employer, whatever the code does
		uniqueIndex('employer_submissions_one_confirmed')
			.on(t.employerId, t.period)
			.where(sql`status = 'confirmed'`)
	]
);

/** The insured persons of a submission, in file order (Part 2 of the form; the replaced versions' rows stay too). */
export const employerSubmissionRows = sqliteTable(
	'employer_submission_rows',
	{
		submissionId: integer('submission_id')
			.notNull()
			.references(() => employerSubmissions.id),
		lineNo: integer('line_no').notNull(),
		nationalId: text('national_id').notNull(),
		title: text('title').notNull().default(''),
		firstName: text('first_name').notNull(),
		lastName: text('last_name').notNull(),
		wageSatang: integer('wage_satang').notNull(),
		wageBaseSatang: integer('wage_base_satang').notNull(),
		insuredSatang: integer('insured_satang').notNull(),
		employerSatang: integer('employer_satang').notNull(),
		governmentSatang: integer('government_satang').notNull()
	},
	(t) => [primaryKey({ columns: [t.submissionId, t.lineNo] })]
);

// ── Jobs ────────────────────────────────────────────────────────────────────

/** Who runs a job that must run in one process at a time, and until when (src/server/lease.ts). */
export const leases = sqliteTable('leases', {
	name: text('name').primaryKey(),
	holder: text('holder').notNull(),
	expiresAt: integer('expires_at').notNull()
});

// ── Notifications: web push subscriptions, choices, and every notice sent ──

/**
 * A browser's push subscription (the Push API's endpoint and keys) for an account. `device` is the SHA-256 of the
 * browser's device cookie id and `session_id` the session that last saved it: logging out of that device, or signing
 * that session out from another, removes it. The push service's 404 or 410 removes it too.
 */
export const pushSubscriptions = sqliteTable(
	'push_subscriptions',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		endpoint: text('endpoint').notNull().unique(),
		p256dh: text('p256dh').notNull(),
		auth: text('auth').notNull(),
		device: text('device'),
		sessionId: text('session_id'),
		userAgent: text('user_agent'),
		createdAt: integer('created_at').notNull(),
		lastSentAt: integer('last_sent_at')
	},
	(t) => [index('push_subscriptions_user').on(t.userId), index('push_subscriptions_session').on(t.sessionId)]
);

/** A citizen's choice of channels for one kind of notice; no row: the defaults (src/lib/notices.ts). */
export const noticePrefs = sqliteTable(
	'notice_prefs',
	{
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: NOTICE_KINDS }).notNull(),
		push: integer('push', { mode: 'boolean' }).notNull(),
		sms: integer('sms', { mode: 'boolean' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.userId, t.kind] })]
);

/**
 * Every notice for a citizen, once: `key` names the event (a reminder's month or deadline, an application's status)
 * and is unique per account, so a reminder computed again (another hour, another process, a restart) is never sent
 * twice. `params` is what the message says (dates, amounts, a reference), rendered at sending in the account's
 * language. A notice is claimed ('sending') by one process before it goes out; `due_at` holds it over quiet hours.
 */
export const notices = sqliteTable(
	'notices',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		key: text('key').notNull(),
		kind: text('kind', { enum: NOTICE_KINDS }).notNull(),
		params: text('params').notNull(),
		createdAt: integer('created_at').notNull(),
		dueAt: integer('due_at').notNull(),
		state: text('state', { enum: NOTICE_STATES }).notNull(),
		/**
		 * devices the push went to, and what became of the text: 'sent', 'failed', 'capped' (the account's day used up),
		 * 'retry' (waiting for the next hour's budget), 'error' (the notice could not be sent), 'lost' (its process
		 * stopped while sending), or null (no text asked)
		 */
		pushed: integer('pushed').notNull().default(0),
		sms: text('sms'),
		sentAt: integer('sent_at')
	},
	(t) => [uniqueIndex('notices_user_key').on(t.userId, t.key), index('notices_due').on(t.state, t.dueAt), index('notices_sent').on(t.sentAt)]
);

/** The daily reminder run: how far through the accounts it got (a run cut short goes on from there), and when it ended. */
export const reminderRuns = sqliteTable('reminder_runs', {
	day: text('day').primaryKey(),
	cursor: text('cursor'),
	doneAt: integer('done_at')
});

/**
 * Seed 003: a hospital's request for an account of the rights check ("แบบขอใช้บริการระบบตรวจสอบการใช้สิทธิรักษาพยาบาล"),
 * from the public form; endorsed by the main contractor's account for a network hospital; decided by an administrator.
 */
export const hospitalRequests = sqliteTable(
	'hospital_requests',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		createdAt: integer('created_at').notNull(),
		purpose: text('purpose', { enum: HOSPITAL_REQUEST_PURPOSES }).notNull(),
		/** the hospital the user is for, and its 7-digit code as the form gives it */
		hospitalCode: text('hospital_code')
			.notNull()
			.references(() => hospitals.code),
		hospitalCode7: text('hospital_code7').notNull(),
		/** a network hospital's main contractor, whose account must endorse the request; null when none must */
		mainCode: text('main_code').references(() => hospitals.code),
		/** the staff member the user is for: national ID, names, position, phone for codes, e-mail for the answer */
		nationalId: text('national_id').notNull(),
		titleTh: text('title_th').notNull(),
		firstNameTh: text('first_name_th').notNull(),
		lastNameTh: text('last_name_th').notNull(),
		firstNameEn: text('first_name_en').notNull(),
		lastNameEn: text('last_name_en').notNull(),
		position: text('position').notNull(),
		phone: text('phone').notNull(),
		email: text('email').notNull(),
		/** reuse and cancel: the user name concerned */
		username: text('username'),
		/** the director's signed letter (PDF, checked before it is kept); only the administrator downloads it */
		letter: blob('letter', { mode: 'buffer' }).notNull(),
		letterSha256: text('letter_sha256').notNull(),
		letterBytes: integer('letter_bytes').notNull(),
		letterPages: integer('letter_pages').notNull(),
		state: text('state', { enum: HOSPITAL_REQUEST_STATES }).notNull(),
		endorsedBy: text('endorsed_by').references(() => staffUsers.id),
		endorsedAt: integer('endorsed_at'),
		decidedBy: text('decided_by').references(() => staffUsers.id),
		decidedAt: integer('decided_at'),
		/** why it was refused or declined, as the requester is told */
		decisionNote: text('decision_note'),
		/** the staff account made, enabled again or cancelled */
		staffId: text('staff_id').references(() => staffUsers.id)
	},
	(t) => [index('hospital_requests_state').on(t.state, t.createdAt), index('hospital_requests_main').on(t.mainCode, t.state)]
);
