/** One year of Thai holidays (a file `YYYY.json` beside this one, written by `npm run holidays:import`). */
export interface HolidaySource {
	/** what each holiday's `source` names: `bot` (Bank of Thailand list), `cabinet` (government holidays), `law` (fixed dates) */
	id: string;
	title: string;
	/** the page where the list is published */
	url: string;
	/** the machine-readable list the dates were read from, when there is one */
	data?: string;
	/** the date of the announcement (ISO), when known */
	announced: string | null;
	/** the day the list was read */
	retrieved: string;
	note?: string;
}

export interface Holiday {
	date: string;
	th: string;
	en: string;
	/** the `id` of the source the date came from */
	source: string;
}

export interface HolidayYear {
	year: number;
	/** true while the official list for the year is not out: only the dates that never move are listed */
	provisional: boolean;
	/** what a provisional year lacks */
	unknown: string[];
	sources: HolidaySource[];
	holidays: Holiday[];
}

/** What the rules need of a year: its holidays as MM-DD, space-separated (index.ts, generated from the year files). */
export interface HolidayDates {
	year: number;
	provisional: boolean;
	dates: string;
}
