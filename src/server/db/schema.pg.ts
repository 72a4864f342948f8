/**
 * The same database for PostgreSQL: one table here for each table of schema.ts, with the same names, columns, keys and
 * indexes. drizzle has no table builder common to both engines, so the two files are kept in step by a test
 * (schema-engines.test.ts) that compares them column by column. Differences are only what PostgreSQL needs:
 * satang amounts, millisecond instants and generated ids (with the columns that refer to them) are bigint (a 4-byte
 * integer overflows at 2^31: 21 million baht, 25 days of milliseconds, or a decade of monthly contributions for 24
 * million members), true/false is boolean, and generated ids are identity columns.
 */
import { sql } from 'drizzle-orm';
import { pgTable, text, integer, bigint, boolean, customType, index, uniqueIndex, primaryKey } from 'drizzle-orm/pg-core';
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

export const persons = pgTable(
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

export const employers = pgTable(
	'employers',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
		accountNo: text('account_no').notNull(),
		branch: text('branch').notNull(),
		nameTh: text('name_th').notNull(),
		nameEn: text('name_en').notNull(),
		province: text('province').notNull()
	},
	(t) => [uniqueIndex('employers_account_branch').on(t.accountNo, t.branch)]
);

export const employments = pgTable(
	'employments',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
		personId: text('person_id')
			.notNull()
			.references(() => persons.nationalId),
		employerId: bigint('employer_id', { mode: 'number' })
			.notNull()
			.references(() => employers.id),
		startDate: text('start_date').notNull(),
		endDate: text('end_date'),
		endReason: text('end_reason', { enum: END_REASONS }),
		monthlyWageSatang: bigint('monthly_wage_satang', { mode: 'number' }).notNull()
	},
	(t) => [index('employments_person').on(t.personId)]
);

export const coverages = pgTable(
	'coverages',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
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

export const contributions = pgTable(
	'contributions',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
		personId: text('person_id')
			.notNull()
			.references(() => persons.nationalId),
		period: text('period').notNull(),
		section: integer('section').notNull(),
		employerId: bigint('employer_id', { mode: 'number' }).references(() => employers.id),
		payer: text('payer').notNull(),
		wageBaseSatang: bigint('wage_base_satang', { mode: 'number' }).notNull(),
		insuredSatang: bigint('insured_satang', { mode: 'number' }).notNull(),
		employerSatang: bigint('employer_satang', { mode: 'number' }).notNull(),
		governmentSatang: bigint('government_satang', { mode: 'number' }).notNull(),
		paidDate: text('paid_date').notNull(),
		submissionId: bigint('submission_id', { mode: 'number' })
	},
	(t) => [uniqueIndex('contributions_person_period_payer').on(t.personId, t.period, t.payer), index('contributions_payer_period').on(t.payer, t.period)]
);

export const hospitals = pgTable('hospitals', {
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

export const hospitalAssignments = pgTable(
	'hospital_assignments',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
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

export const benefitClaims = pgTable(
	'benefit_claims',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
		personId: text('person_id')
			.notNull()
			.references(() => persons.nationalId),
		kind: text('kind', { enum: BENEFIT_KINDS }).notNull(),
		claimDate: text('claim_date').notNull(),
		startDate: text('start_date'),
		endDate: text('end_date'),
		amountSatang: bigint('amount_satang', { mode: 'number' }).notNull(),
		status: text('status', { enum: CLAIM_STATUSES }).notNull(),
		paidDate: text('paid_date'),
		applicationId: bigint('application_id', { mode: 'number' }),
		periodNo: integer('period_no'),
		cause: text('cause', { enum: ['dismissed', 'business_closed', 'force_majeure', 'resigned', 'contract_ended'] })
	},
	(t) => [index('benefit_claims_person').on(t.personId), uniqueIndex('benefit_claims_application_period').on(t.applicationId, t.periodNo)]
);

export const users = pgTable('users', {
	id: text('id').primaryKey(),
	nationalId: text('national_id')
		.notNull()
		.unique()
		.references(() => persons.nationalId),
	phone: text('phone').notNull(),
	passwordHash: text('password_hash').notNull(),
	phoneVerifiedAt: bigint('phone_verified_at', { mode: 'number' }).notNull(),
	termsVersion: text('terms_version').notNull(),
	termsAcceptedAt: bigint('terms_accepted_at', { mode: 'number' }).notNull(),
	locale: text('locale', { enum: ['th', 'en', 'my', 'km', 'lo'] })
		.notNull()
		.default('th'),
	seenPeriod: text('seen_period'),
	passwordChangedAt: bigint('password_changed_at', { mode: 'number' }).notNull(),
	createdAt: bigint('created_at', { mode: 'number' }).notNull(),
	closedAt: bigint('closed_at', { mode: 'number' }),
	/**
	 * How sure we are that the account is its national ID's person: 'sms', opened by the three-step wizard (facts others
	 * may know, and a phone); 'thaid', proved by ThaID (DOPA checked the card and the face); 'in_person', proved by an
	 * officer with the ID card in hand. What each allows: src/lib/rules/assurance.ts.
	 */
	assurance: text('assurance', { enum: ['sms', 'thaid', 'in_person'] })
		.notNull()
		.default('sms'),
	/** when the account was last proved (by ThaID or in person) */
	provedAt: bigint('proved_at', { mode: 'number' }),
	/** when ThaID first proved the account (then it may sign in with ThaID as well as its password) */
	thaidLinkedAt: bigint('thaid_linked_at', { mode: 'number' })
});

export const loginThrottle = pgTable('login_throttle', {
	nationalId: text('national_id').primaryKey(),
	failed: integer('failed').notNull().default(0),
	lockedUntil: bigint('locked_until', { mode: 'number' })
});

export const loginDevices = pgTable(
	'login_devices',
	{
		key: text('key').notNull(),
		device: text('device').notNull(),
		failed: integer('failed').notNull().default(0),
		lockedUntil: bigint('locked_until', { mode: 'number' }),
		signedInAt: bigint('signed_in_at', { mode: 'number' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.key, t.device] }), index('login_devices_signed_in').on(t.signedInAt)]
);

export const sessions = pgTable(
	'sessions',
	{
		id: text('id').primaryKey(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		createdAt: bigint('created_at', { mode: 'number' }).notNull(),
		lastSeenAt: bigint('last_seen_at', { mode: 'number' }).notNull(),
		expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
		ip: text('ip'),
		userAgent: text('user_agent')
	},
	(t) => [index('sessions_user').on(t.userId)]
);

export const otpChallenges = pgTable(
	'otp_challenges',
	{
		id: text('id').primaryKey(),
		purpose: text('purpose', {
			enum: ['register', 'reset', 'phone_change', 'phone_old', 'counter_phone', 'account_confirm', 'confirm', 'staff_login', 'staff_activate']
		}).notNull(),
		phone: text('phone').notNull(),
		subject: text('subject').notNull(),
		codes: text('codes').notNull(),
		createdAt: bigint('created_at', { mode: 'number' }).notNull(),
		expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
		lastSentAt: bigint('last_sent_at', { mode: 'number' }).notNull(),
		sends: integer('sends').notNull().default(1),
		attempts: integer('attempts').notNull().default(0),
		consumedAt: bigint('consumed_at', { mode: 'number' }),
		ip: text('ip'),
		payload: text('payload')
	},
	(t) => [index('otp_challenges_phone').on(t.phone, t.createdAt)]
);

export const flowDrafts = pgTable('flow_drafts', {
	id: text('id').primaryKey(),
	kind: text('kind', {
		enum: ['register', 'reset', 'section40', 'unemployment', 'hospital', 'phone', 'staff_login', 'staff_activate', 'thaid', 'proof', 'counter', 'confirm']
	}).notNull(),
	data: text('data').notNull(),
	createdAt: bigint('created_at', { mode: 'number' }).notNull(),
	updatedAt: bigint('updated_at', { mode: 'number' }).notNull(),
	expiresAt: bigint('expires_at', { mode: 'number' }).notNull()
});

export const smsOutbox = pgTable(
	'sms_outbox',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
		createdAt: bigint('created_at', { mode: 'number' }).notNull(),
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

export const auditLog = pgTable(
	'audit_log',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
		at: bigint('at', { mode: 'number' }).notNull(),
		actor: text('actor').notNull(),
		action: text('action').notNull(),
		subject: text('subject'),
		ip: text('ip'),
		detail: text('detail')
	},
	(t) => [index('audit_subject').on(t.subject, t.at)]
);

export const rateLimits = pgTable(
	'rate_limits',
	{
		key: text('key').notNull(),
		windowStart: bigint('window_start', { mode: 'number' }).notNull(),
		count: integer('count').notNull()
	},
	(t) => [primaryKey({ columns: [t.key, t.windowStart] })]
);

export const applications = pgTable(
	'applications',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
		ref: text('ref').notNull().unique(),
		kind: text('kind', { enum: APPLICATION_KINDS }).notNull(),
		personId: text('person_id')
			.notNull()
			.references(() => persons.nationalId),
		userId: text('user_id')
			.notNull()
			.references(() => users.id),
		status: text('status', { enum: APPLICATION_STATUSES }).notNull(),
		idempotencyKey: text('idempotency_key').notNull().unique(),
		answers: text('answers').notNull(),
		outcome: text('outcome').notNull(),
		reason: text('reason'),
		submittedOn: text('submitted_on').notNull(),
		createdAt: bigint('created_at', { mode: 'number' }).notNull(),
		updatedAt: bigint('updated_at', { mode: 'number' }).notNull()
	},
	(t) => [index('applications_person').on(t.personId, t.createdAt), index('applications_status').on(t.kind, t.status)]
);

/**
 * The last number given in each kind's references for a year (prefix e.g. HOS-2569-): taken by one atomic update in a
 * transaction of its own before the application's, so simultaneous submissions never contend for the newest
 * reference inside their own transactions. A number taken by a submission that is then refused is not given again.
 */
export const applicationRefs = pgTable('application_refs', {
	prefix: text('prefix').primaryKey(),
	last: integer('last').notNull()
});

export const applicationEvents = pgTable(
	'application_events',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
		applicationId: bigint('application_id', { mode: 'number' })
			.notNull()
			.references(() => applications.id),
		at: bigint('at', { mode: 'number' }).notNull(),
		status: text('status', { enum: APPLICATION_STATUSES }).notNull(),
		reason: text('reason'),
		actor: text('actor').notNull()
	},
	(t) => [index('application_events_app').on(t.applicationId, t.at)]
);

export const payments = pgTable('payments', {
	id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
	transactionId: text('transaction_id').notNull().unique(),
	applicationId: bigint('application_id', { mode: 'number' })
		.notNull()
		.references(() => applications.id),
	amountSatang: bigint('amount_satang', { mode: 'number' }).notNull(),
	paidOn: text('paid_on').notNull(),
	receivedAt: bigint('received_at', { mode: 'number' }).notNull()
});

export const unemploymentReports = pgTable(
	'unemployment_reports',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
		applicationId: bigint('application_id', { mode: 'number' })
			.notNull()
			.references(() => applications.id),
		periodNo: integer('period_no').notNull(),
		reportedOn: text('reported_on').notNull(),
		stillUnemployed: boolean('still_unemployed').notNull(),
		foundWork: boolean('found_work').notNull(),
		refusedOffer: boolean('refused_offer').notNull(),
		workStart: text('work_start'),
		at: bigint('at', { mode: 'number' }).notNull()
	},
	(t) => [uniqueIndex('unemployment_reports_period').on(t.applicationId, t.periodNo)]
);

export const staffUsers = pgTable('staff_users', {
	id: text('id').primaryKey(),
	username: text('username').notNull().unique(),
	role: text('role', { enum: ['officer', 'hospital', 'admin', 'employer'] }).notNull(),
	firstName: text('first_name').notNull(),
	lastName: text('last_name').notNull(),
	position: text('position').notNull().default(''),
	centre: text('centre'),
	hospitalCode: text('hospital_code').references(() => hospitals.code),
	employerId: bigint('employer_id', { mode: 'number' }).references(() => employers.id),
	phone: text('phone'),
	officePhone: text('office_phone').notNull().default(''),
	email: text('email').notNull().default(''),
	passwordHash: text('password_hash'),
	activationHash: text('activation_hash'),
	activationExpiresAt: bigint('activation_expires_at', { mode: 'number' }),
	createdAt: bigint('created_at', { mode: 'number' }).notNull(),
	activatedAt: bigint('activated_at', { mode: 'number' }),
	lastLoginAt: bigint('last_login_at', { mode: 'number' }),
	enabledAt: bigint('enabled_at', { mode: 'number' }),
	disabledAt: bigint('disabled_at', { mode: 'number' }),
	disabledReason: text('disabled_reason', { enum: ['dormant', 'admin'] })
});

export const staffSessions = pgTable('staff_sessions', {
	id: text('id').primaryKey(),
	staffId: text('staff_id')
		.notNull()
		.unique()
		.references(() => staffUsers.id),
	createdAt: bigint('created_at', { mode: 'number' }).notNull(),
	lastSeenAt: bigint('last_seen_at', { mode: 'number' }).notNull(),
	expiresAt: bigint('expires_at', { mode: 'number' }).notNull(),
	ip: text('ip'),
	userAgent: text('user_agent'),
	citizenId: text('citizen_id'),
	citizenMethod: text('citizen_method', { enum: LOOKUP_METHODS }),
	citizenReason: text('citizen_reason'),
	citizenAt: bigint('citizen_at', { mode: 'number' })
});

export const staffSessionEnds = pgTable('staff_session_ends', {
	id: text('id').primaryKey(),
	reason: text('reason', { enum: ['replaced', 'idle', 'expired'] }).notNull(),
	at: bigint('at', { mode: 'number' }).notNull()
});

export const staffLookups = pgTable(
	'staff_lookups',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
		at: bigint('at', { mode: 'number' }).notNull(),
		staffId: text('staff_id')
			.notNull()
			.references(() => staffUsers.id),
		username: text('username').notNull(),
		role: text('role', { enum: ['officer', 'hospital', 'admin', 'employer'] }).notNull(),
		place: text('place').notNull(),
		nationalId: text('national_id').notNull(),
		method: text('method', { enum: LOOKUP_METHODS }).notNull(),
		reason: text('reason'),
		/** a look by passport: the number and state typed (national_id is then the holder's, or empty if none was found) */
		passportNo: text('passport_no'),
		nationality: text('nationality'),
		/** an emergency check: when the person was admitted (its reason is `reason`) */
		admittedAt: bigint('admitted_at', { mode: 'number' }),
		view: text('view', { enum: LOOKUP_VIEWS }).notNull(),
		found: boolean('found').notNull(),
		ip: text('ip')
	},
	(t) => [index('staff_lookups_person').on(t.nationalId, t.at), index('staff_lookups_at').on(t.at)]
);

export const hospitalNetworks = pgTable(
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

export const employerSubmissions = pgTable(
	'employer_submissions',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
		txnNo: text('txn_no').unique(),
		employerId: bigint('employer_id', { mode: 'number' })
			.notNull()
			.references(() => employers.id),
		period: text('period').notNull(),
		status: text('status', { enum: ['staging', 'pending', 'confirmed', 'replaced'] }).notNull(),
		format: text('format', { enum: ['fixed', 'csv', 'xlsx', 'registry'] }).notNull(),
		fileName: text('file_name').notNull().default(''),
		fileSha256: text('file_sha256').notNull().default(''),
		uploadedBy: text('uploaded_by'),
		uploadedAt: bigint('uploaded_at', { mode: 'number' }).notNull(),
		paymentDate: text('payment_date').notNull(),
		rateBp: integer('rate_bp').notNull(),
		persons: integer('persons').notNull(),
		wagesSatang: bigint('wages_satang', { mode: 'number' }).notNull(),
		wageBaseSatang: bigint('wage_base_satang', { mode: 'number' }).notNull(),
		employeeSatang: bigint('employee_satang', { mode: 'number' }).notNull(),
		employerSatang: bigint('employer_satang', { mode: 'number' }).notNull(),
		confirmedAt: bigint('confirmed_at', { mode: 'number' }),
		confirmedBy: text('confirmed_by'),
		late: boolean('late').notNull().default(false),
		replacedAt: bigint('replaced_at', { mode: 'number' }),
		replacedById: bigint('replaced_by_id', { mode: 'number' })
	},
	(t) => [
		index('employer_submissions_employer').on(t.employerId, t.period, t.status),
		uniqueIndex('employer_submissions_one_confirmed')
			.on(t.employerId, t.period)
			.where(sql`status = 'confirmed'`)
	]
);

export const employerSubmissionRows = pgTable(
	'employer_submission_rows',
	{
		submissionId: bigint('submission_id', { mode: 'number' })
			.notNull()
			.references(() => employerSubmissions.id),
		lineNo: integer('line_no').notNull(),
		nationalId: text('national_id').notNull(),
		title: text('title').notNull().default(''),
		firstName: text('first_name').notNull(),
		lastName: text('last_name').notNull(),
		wageSatang: bigint('wage_satang', { mode: 'number' }).notNull(),
		wageBaseSatang: bigint('wage_base_satang', { mode: 'number' }).notNull(),
		insuredSatang: bigint('insured_satang', { mode: 'number' }).notNull(),
		employerSatang: bigint('employer_satang', { mode: 'number' }).notNull(),
		governmentSatang: bigint('government_satang', { mode: 'number' }).notNull()
	},
	(t) => [primaryKey({ columns: [t.submissionId, t.lineNo] })]
);

export const leases = pgTable('leases', {
	name: text('name').primaryKey(),
	holder: text('holder').notNull(),
	expiresAt: bigint('expires_at', { mode: 'number' }).notNull()
});

// ── Notifications ──

export const pushSubscriptions = pgTable(
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
		createdAt: bigint('created_at', { mode: 'number' }).notNull(),
		lastSentAt: bigint('last_sent_at', { mode: 'number' })
	},
	(t) => [index('push_subscriptions_user').on(t.userId), index('push_subscriptions_session').on(t.sessionId)]
);

export const noticePrefs = pgTable(
	'notice_prefs',
	{
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		kind: text('kind', { enum: NOTICE_KINDS }).notNull(),
		push: boolean('push').notNull(),
		sms: boolean('sms').notNull()
	},
	(t) => [primaryKey({ columns: [t.userId, t.kind] })]
);

export const notices = pgTable(
	'notices',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
		userId: text('user_id')
			.notNull()
			.references(() => users.id, { onDelete: 'cascade' }),
		key: text('key').notNull(),
		kind: text('kind', { enum: NOTICE_KINDS }).notNull(),
		params: text('params').notNull(),
		createdAt: bigint('created_at', { mode: 'number' }).notNull(),
		dueAt: bigint('due_at', { mode: 'number' }).notNull(),
		state: text('state', { enum: NOTICE_STATES }).notNull(),
		pushed: integer('pushed').notNull().default(0),
		sms: text('sms'),
		sentAt: bigint('sent_at', { mode: 'number' })
	},
	(t) => [uniqueIndex('notices_user_key').on(t.userId, t.key), index('notices_due').on(t.state, t.dueAt), index('notices_sent').on(t.sentAt)]
);

export const reminderRuns = pgTable('reminder_runs', {
	day: text('day').primaryKey(),
	cursor: text('cursor'),
	doneAt: bigint('done_at', { mode: 'number' })
});

/** A PDF's bytes. */
const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * Seed 003: a hospital's request for an account of the rights check ("แบบขอใช้บริการระบบตรวจสอบการใช้สิทธิรักษาพยาบาล"),
 * from the public form; endorsed by the main contractor's account for a network hospital; decided by an administrator.
 */
export const hospitalRequests = pgTable(
	'hospital_requests',
	{
		id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
		createdAt: bigint('created_at', { mode: 'number' }).notNull(),
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
		letter: bytea('letter').notNull(),
		letterSha256: text('letter_sha256').notNull(),
		letterBytes: integer('letter_bytes').notNull(),
		letterPages: integer('letter_pages').notNull(),
		state: text('state', { enum: HOSPITAL_REQUEST_STATES }).notNull(),
		endorsedBy: text('endorsed_by').references(() => staffUsers.id),
		endorsedAt: bigint('endorsed_at', { mode: 'number' }),
		decidedBy: text('decided_by').references(() => staffUsers.id),
		decidedAt: bigint('decided_at', { mode: 'number' }),
		/** why it was refused or declined, as the requester is told */
		decisionNote: text('decision_note'),
		/** the staff account made, enabled again or cancelled */
		staffId: text('staff_id').references(() => staffUsers.id)
	},
	(t) => [index('hospital_requests_state').on(t.state, t.createdAt), index('hospital_requests_main').on(t.mainCode, t.state)]
);
