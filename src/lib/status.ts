/** The colour class of an application status (always shown with its text). */
export function statusTag(status: string): string {
	if (status === 'approved' || status === 'active' || status === 'paid') return 'tag-active';
	if (status === 'rejected' || status === 'expired' || status === 'ended') return 'tag-ended';
	return 'tag-warning';
}
