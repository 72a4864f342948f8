/**
 * The closed lists of words the records use: the database stores them (src/server/db/schema.ts) and the pages name them
 * (src/lib/labels.ts). No imports here: drizzle-kit reads the schema without the app's aliases.
 */

/** the cases a benefit is claimed for */
export const BENEFIT_KINDS = ['sickness', 'maternity', 'disability', 'death', 'child', 'old_age', 'unemployment'] as const;
export type BenefitKind = (typeof BENEFIT_KINDS)[number];

/** where a benefit claim stands */
export const CLAIM_STATUSES = ['submitted', 'approved', 'rejected', 'paid'] as const;
export type ClaimStatus = (typeof CLAIM_STATUSES)[number];

/** why an employment or a section 39/40 membership ended */
export const END_REASONS = [
	'resigned',
	'contract_ended',
	'dismissed',
	'dismissed_misconduct',
	'force_majeure',
	'business_closed',
	'retired',
	'died',
	'lapsed',
	'moved_section'
] as const;
export type EndReason = (typeof END_REASONS)[number];

/** the parts of a citizen's record a member of staff can look at */
export const LOOKUP_VIEWS = ['summary', 'hospital', 'contributions', 'claims', 'savings', 'rights', 'emergency'] as const;
export type LookupView = (typeof LOOKUP_VIEWS)[number];

/** how a member of staff had the person's identity: the card read, the 13-digit number typed, or a passport typed */
export const LOOKUP_METHODS = ['card', 'typed', 'passport'] as const;
export type LookupMethod = (typeof LOOKUP_METHODS)[number];

/** a staff account as the administrator sees it */
export const STAFF_STATES = ['active', 'pending', 'dormant', 'dormant_due', 'disabled'] as const;
export type StaffState = (typeof STAFF_STATES)[number];

/** what a citizen applies for online: each kind is one folder under src/server/applications and src/lib/applications */
export const APPLICATION_KINDS = ['section40', 'unemployment', 'hospital'] as const;
export type Kind = (typeof APPLICATION_KINDS)[number];

/** where an application stands; each kind's lifecycle says which it passes through */
export const APPLICATION_STATUSES = ['submitted', 'under_review', 'approved', 'rejected', 'active', 'paid', 'ended', 'expired'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/**
 * what the portal tells a citizen about, each a row of the notifications page with its own channels: unemployment
 * (the 30 days to register, each report-in, each payment), contribution (section 39/40: the month due, a month missed),
 * employer (the employer's month not received), hospital (the change window), application (status changes, decisions)
 */
export const NOTICE_KINDS = ['unemployment', 'contribution', 'employer', 'hospital', 'application'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** a notice's way through the queue: waiting (quiet hours), being sent by one process, done */
export const NOTICE_STATES = ['queued', 'sending', 'sent', 'dropped'] as const;
export type NoticeState = (typeof NOTICE_STATES)[number];

/** seed 003's request form for a checking account: a new user, a user disabled after 6 months unused again, a user cancelled */
export const HOSPITAL_REQUEST_PURPOSES = ['new', 'reuse', 'cancel'] as const;
export type HospitalRequestPurpose = (typeof HOSPITAL_REQUEST_PURPOSES)[number];

/**
 * where a hospital's request stands: 'endorsement' (a network hospital's, until its main contractor's account endorses
 * it), 'review' (the administrator's), then 'approved' or 'refused'; 'declined' by the main contractor
 */
export const HOSPITAL_REQUEST_STATES = ['endorsement', 'review', 'approved', 'refused', 'declined'] as const;
export type HospitalRequestState = (typeof HOSPITAL_REQUEST_STATES)[number];
