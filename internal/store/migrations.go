package store

import (
	"fmt"

	"gorm.io/gorm"
)

// migrations lists every schema step in order. Never edit a released step:
// add a new one.
func migrations() []Migration {
	return []Migration{
		{Version: 1, Name: "foundation: settings, users, sessions", Up: v1Foundation},
		{Version: 2, Name: "mail: outbox, contents, attachments, suppressions", Up: v2Mail},
		{Version: 3, Name: "register: companies, contacts, consents, segments", Up: v3Register},
		{Version: 4, Name: "privacy: record of exports and erasures", Up: v4Privacy},
		{Version: 5, Name: "events", Up: v5Events},
		{Version: 6, Name: "registrations", Up: v6Registrations},
		{Version: 7, Name: "registration desk: check-in codes, notes, reminders, inline mail images", Up: v7Desk},
		{Version: 8, Name: "calendars: personal feeds, invitations in mail", Up: v8Calendars},
		{Version: 9, Name: "campaigns: mailings, recipients, invitations, newsletter sign-ups", Up: v9Campaigns},
		{Version: 10, Name: "gazelle award rounds", Up: v10Awards},
		{Version: 11, Name: "audit log, retention, report indexes", Up: v11Audit},
		{Version: 12, Name: "report fact table kept by triggers", Up: v12Reach},
	}
}

func v1Foundation(tx *gorm.DB) error {
	return execAll(tx,
		fmt.Sprintf("PRAGMA application_id = %d", ApplicationID),
		`CREATE TABLE settings (
			key TEXT PRIMARY KEY,
			value TEXT NOT NULL,
			updated_at DATETIME NOT NULL,
			updated_by TEXT NOT NULL DEFAULT ''
		)`,
		`CREATE TABLE users (
			id INTEGER PRIMARY KEY AUTOINCREMENT,
			email TEXT NOT NULL UNIQUE COLLATE NOCASE,
			name TEXT NOT NULL DEFAULT '',
			role TEXT NOT NULL CHECK (role IN ('admin', 'staff')),
			password_hash TEXT NOT NULL,
			disabled INTEGER NOT NULL DEFAULT 0,
			created_at DATETIME NOT NULL,
			updated_at DATETIME NOT NULL
		)`,
		`CREATE TABLE sessions (
			id TEXT PRIMARY KEY,
			user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
			csrf_token TEXT NOT NULL,
			created_at DATETIME NOT NULL,
			expires_at DATETIME NOT NULL,
			last_seen_at DATETIME NOT NULL,
			user_agent TEXT NOT NULL DEFAULT '',
			remote_addr TEXT NOT NULL DEFAULT ''
		)`,
		`CREATE INDEX sessions_user ON sessions(user_id)`,
		`CREATE INDEX sessions_expires ON sessions(expires_at)`,
	)
}

func v2Mail(tx *gorm.DB) error {
	return execAll(tx,
		`CREATE TABLE mail_messages (
			id INTEGER PRIMARY KEY AUTOINCREMENT,
			message_id TEXT NOT NULL UNIQUE,
			kind TEXT NOT NULL CHECK (kind IN ('service', 'marketing')),
			state TEXT NOT NULL CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'held', 'cancelled')),
			template TEXT NOT NULL DEFAULT '',
			lang TEXT NOT NULL DEFAULT 'da',
			ref TEXT NOT NULL DEFAULT '',
			from_name TEXT NOT NULL DEFAULT '',
			from_address TEXT NOT NULL DEFAULT '',
			reply_to TEXT NOT NULL DEFAULT '',
			to_name TEXT NOT NULL DEFAULT '',
			to_address TEXT NOT NULL,
			subject TEXT NOT NULL,
			attempts INTEGER NOT NULL DEFAULT 0,
			next_attempt_at DATETIME NOT NULL,
			last_reply TEXT NOT NULL DEFAULT '',
			created_at DATETIME NOT NULL,
			updated_at DATETIME NOT NULL,
			sent_at DATETIME
		)`,
		// Only queued rows are in the worker's index, so recording an
		// outcome (sending -> sent) costs no index update.
		`CREATE INDEX mail_messages_due ON mail_messages(next_attempt_at) WHERE state = 'queued'`,
		`CREATE INDEX mail_messages_to ON mail_messages(to_address)`,
		// The bodies live apart from the row the worker updates on every
		// attempt, so a state change rewrites a small record, not the mail.
		`CREATE TABLE mail_contents (
			message_id INTEGER PRIMARY KEY REFERENCES mail_messages(id) ON DELETE CASCADE,
			text_body TEXT NOT NULL,
			html_body TEXT NOT NULL DEFAULT '',
			headers TEXT NOT NULL DEFAULT '{}'
		)`,
		`CREATE TABLE mail_attachments (
			id INTEGER PRIMARY KEY AUTOINCREMENT,
			message_id INTEGER NOT NULL REFERENCES mail_messages(id) ON DELETE CASCADE,
			filename TEXT NOT NULL,
			content_type TEXT NOT NULL,
			data BLOB NOT NULL
		)`,
		`CREATE INDEX mail_attachments_message ON mail_attachments(message_id)`,
		`CREATE TABLE mail_suppressions (
			address TEXT PRIMARY KEY COLLATE NOCASE,
			reason TEXT NOT NULL CHECK (reason IN ('bounced', 'unsubscribed', 'complaint', 'manual')),
			detail TEXT NOT NULL DEFAULT '',
			created_at DATETIME NOT NULL
		)`,
	)
}

func v3Register(tx *gorm.DB) error {
	return execAll(tx,
		`CREATE TABLE companies (
			id INTEGER PRIMARY KEY AUTOINCREMENT,
			cvr TEXT UNIQUE,
			name TEXT NOT NULL,
			name_key TEXT NOT NULL,
			form TEXT NOT NULL DEFAULT '',
			branch_code TEXT NOT NULL DEFAULT '',
			cluster TEXT NOT NULL DEFAULT 'other' CHECK (cluster IN ('it', 'finance', 'lifescience', 'other')),
			area TEXT NOT NULL DEFAULT '',
			address TEXT NOT NULL DEFAULT '',
			postcode TEXT NOT NULL DEFAULT '',
			city TEXT NOT NULL DEFAULT '',
			employees INTEGER,
			website TEXT NOT NULL DEFAULT '',
			symbiosis INTEGER NOT NULL DEFAULT 0,
			notes TEXT NOT NULL DEFAULT '',
			created_at DATETIME NOT NULL,
			updated_at DATETIME NOT NULL
		)`,
		`CREATE INDEX companies_name ON companies(name_key, id)`,
		`CREATE INDEX companies_created ON companies(created_at, id)`,
		// Word-prefix search in names ("nordisk" finds "Novo Nordisk"),
		// kept in step with the table by triggers.
		`CREATE VIRTUAL TABLE companies_fts USING fts5(name, content='companies', content_rowid='id', tokenize='unicode61', prefix='2 3')`,
		`CREATE TRIGGER companies_fts_insert AFTER INSERT ON companies BEGIN
			INSERT INTO companies_fts (rowid, name) VALUES (new.id, new.name);
		END`,
		`CREATE TRIGGER companies_fts_delete AFTER DELETE ON companies BEGIN
			INSERT INTO companies_fts (companies_fts, rowid, name) VALUES ('delete', old.id, old.name);
		END`,
		`CREATE TRIGGER companies_fts_update AFTER UPDATE OF name ON companies BEGIN
			INSERT INTO companies_fts (companies_fts, rowid, name) VALUES ('delete', old.id, old.name);
			INSERT INTO companies_fts (rowid, name) VALUES (new.id, new.name);
		END`,
		`CREATE TABLE company_p_numbers (
			company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
			p_number TEXT NOT NULL UNIQUE
		)`,
		`CREATE INDEX company_p_numbers_company ON company_p_numbers(company_id)`,
		`CREATE TABLE company_tags (
			company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
			tag TEXT NOT NULL,
			PRIMARY KEY (company_id, tag)
		)`,
		`CREATE INDEX company_tags_tag ON company_tags(tag)`,
		`CREATE TABLE company_financials (
			id INTEGER PRIMARY KEY AUTOINCREMENT,
			company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
			year INTEGER NOT NULL,
			months INTEGER NOT NULL DEFAULT 12,
			net_revenue INTEGER,
			gross_profit INTEGER,
			operating_result INTEGER,
			source TEXT NOT NULL DEFAULT '',
			UNIQUE (company_id, year)
		)`,
		`CREATE TABLE contacts (
			id INTEGER PRIMARY KEY AUTOINCREMENT,
			name TEXT NOT NULL,
			name_key TEXT NOT NULL,
			email TEXT NOT NULL UNIQUE COLLATE NOCASE,
			phone TEXT NOT NULL DEFAULT '',
			job_title TEXT NOT NULL DEFAULT '',
			company_id INTEGER REFERENCES companies(id) ON DELETE SET NULL,
			language TEXT NOT NULL DEFAULT 'da',
			created_at DATETIME NOT NULL,
			updated_at DATETIME NOT NULL
		)`,
		`CREATE INDEX contacts_name ON contacts(name_key, id)`,
		`CREATE INDEX contacts_company ON contacts(company_id)`,
		`CREATE TABLE contact_consents (
			id INTEGER PRIMARY KEY AUTOINCREMENT,
			contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
			given_at DATETIME NOT NULL,
			source TEXT NOT NULL,
			wording_version TEXT NOT NULL,
			withdrawn_at DATETIME,
			withdrawn_how TEXT NOT NULL DEFAULT ''
		)`,
		`CREATE INDEX contact_consents_contact ON contact_consents(contact_id)`,
		`CREATE TABLE segments (
			id INTEGER PRIMARY KEY AUTOINCREMENT,
			name TEXT NOT NULL UNIQUE,
			target TEXT NOT NULL CHECK (target IN ('companies', 'contacts')),
			filter TEXT NOT NULL DEFAULT '{}',
			created_at DATETIME NOT NULL,
			updated_at DATETIME NOT NULL
		)`,
	)
}

func v4Privacy(tx *gorm.DB) error {
	return execAll(tx,
		`CREATE TABLE privacy_actions (
			id INTEGER PRIMARY KEY AUTOINCREMENT,
			action TEXT NOT NULL CHECK (action IN ('export', 'erase')),
			subject TEXT NOT NULL,
			actor TEXT NOT NULL,
			reason TEXT NOT NULL DEFAULT '',
			detail TEXT NOT NULL DEFAULT '',
			created_at DATETIME NOT NULL
		)`,
	)
}

func v5Events(tx *gorm.DB) error {
	return execAll(tx,
		`CREATE TABLE events (
			id INTEGER PRIMARY KEY AUTOINCREMENT,
			slug TEXT NOT NULL UNIQUE,
			uid TEXT NOT NULL UNIQUE,
			sequence INTEGER NOT NULL DEFAULT 0,
			kind TEXT NOT NULL CHECK (kind IN ('network', 'information', 'sustainability', 'course', 'newyear', 'other')),
			status TEXT NOT NULL CHECK (status IN ('draft', 'published', 'cancelled', 'completed')),
			visibility TEXT NOT NULL DEFAULT 'public' CHECK (visibility IN ('public', 'invite')),
			title TEXT NOT NULL,
			title_en TEXT NOT NULL DEFAULT '',
			description TEXT NOT NULL DEFAULT '',
			description_en TEXT NOT NULL DEFAULT '',
			themes TEXT NOT NULL DEFAULT '[]',
			track INTEGER NOT NULL DEFAULT 0 CHECK (track BETWEEN 0 AND 4),
			venue TEXT NOT NULL DEFAULT '',
			address TEXT NOT NULL DEFAULT '',
			online_url TEXT NOT NULL DEFAULT '',
			starts_at DATETIME NOT NULL,
			ends_at DATETIME NOT NULL,
			capacity INTEGER NOT NULL DEFAULT 0,
			seats_per_company INTEGER NOT NULL DEFAULT 0,
			registration_opens_at DATETIME,
			registration_deadline DATETIME,
			waitlist INTEGER NOT NULL DEFAULT 1,
			questions TEXT NOT NULL DEFAULT '[]',
			agenda TEXT NOT NULL DEFAULT '[]',
			contact_name TEXT NOT NULL DEFAULT '',
			contact_email TEXT NOT NULL DEFAULT '',
			series_id TEXT NOT NULL DEFAULT '',
			cancel_message TEXT NOT NULL DEFAULT '',
			created_at DATETIME NOT NULL,
			updated_at DATETIME NOT NULL
		)`,
		`CREATE INDEX events_starts ON events(starts_at, id)`,
		`CREATE INDEX events_status ON events(status, starts_at)`,
	)
}

func v6Registrations(tx *gorm.DB) error {
	return execAll(tx,
		// seats_taken is the single counter that capacity is enforced on, by
		// one conditional UPDATE inside the registration transaction.
		`ALTER TABLE events ADD COLUMN seats_taken INTEGER NOT NULL DEFAULT 0`,
		`CREATE TABLE registrations (
			id INTEGER PRIMARY KEY AUTOINCREMENT,
			event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
			token TEXT NOT NULL UNIQUE,
			status TEXT NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
			seats INTEGER NOT NULL CHECK (seats > 0),
			company_name TEXT NOT NULL,
			cvr TEXT,
			company_id INTEGER REFERENCES companies(id) ON DELETE SET NULL,
			email TEXT NOT NULL,
			lang TEXT NOT NULL DEFAULT 'da',
			answers TEXT NOT NULL DEFAULT '{}',
			marketing_consent INTEGER NOT NULL DEFAULT 0,
			source TEXT NOT NULL DEFAULT 'public',
			created_at DATETIME NOT NULL,
			updated_at DATETIME NOT NULL,
			cancelled_at DATETIME
		)`,
		`CREATE INDEX registrations_event ON registrations(event_id, status, created_at)`,
		`CREATE TABLE registration_attendees (
			id INTEGER PRIMARY KEY AUTOINCREMENT,
			registration_id INTEGER NOT NULL REFERENCES registrations(id) ON DELETE CASCADE,
			event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
			name TEXT NOT NULL,
			email TEXT NOT NULL,
			job_title TEXT NOT NULL DEFAULT '',
			attended_at DATETIME
		)`,
		`CREATE INDEX registration_attendees_reg ON registration_attendees(registration_id)`,
		// The same person cannot hold two live places at one event.
		`CREATE INDEX registration_attendees_email ON registration_attendees(event_id, email)`,
	)
}

func v7Desk(tx *gorm.DB) error {
	return execAll(tx,
		// The code an attendee shows at the door; looked up at check-in.
		// Codes of registrations made before this step are filled in by
		// the registration service when it starts (they derive from the
		// token by a hash SQLite does not have).
		`ALTER TABLE registrations ADD COLUMN checkin_code TEXT NOT NULL DEFAULT ''`,
		`CREATE INDEX registrations_code ON registrations(checkin_code)`,
		`ALTER TABLE registrations ADD COLUMN note TEXT NOT NULL DEFAULT ''`,
		// Reminders: how many days before the start, and when they went
		// out (once per event).
		`ALTER TABLE events ADD COLUMN reminder_days INTEGER NOT NULL DEFAULT 2`,
		`ALTER TABLE events ADD COLUMN reminded_at DATETIME`,
		// An attachment with a content id is shown inside the HTML body
		// (the check-in QR code) rather than listed as a file.
		`ALTER TABLE mail_attachments ADD COLUMN content_id TEXT NOT NULL DEFAULT ''`,
	)
}

func v8Calendars(tx *gorm.DB) error {
	return execAll(tx,
		// A personal feed lists the events one e-mail address is registered
		// for. Its token is its own, not a registration's: a feed URL is
		// handed to calendar services and must not let anyone change or
		// cancel a registration.
		`CREATE TABLE calendar_feeds (
			token TEXT PRIMARY KEY,
			email TEXT NOT NULL UNIQUE COLLATE NOCASE,
			created_at DATETIME NOT NULL
		)`,
		// The iCalendar object a mail carries as its text/calendar part,
		// with its iTIP method (REQUEST or CANCEL).
		`CREATE INDEX registration_attendees_by_email ON registration_attendees(email)`,
		`CREATE INDEX registrations_by_email ON registrations(email)`,
		`ALTER TABLE mail_contents ADD COLUMN calendar TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE mail_contents ADD COLUMN calendar_method TEXT NOT NULL DEFAULT ''`,
	)
}

func v9Campaigns(tx *gorm.DB) error {
	return execAll(tx,
		`CREATE TABLE campaigns (
			id INTEGER PRIMARY KEY AUTOINCREMENT,
			name TEXT NOT NULL,
			kind TEXT NOT NULL CHECK (kind IN ('invitation', 'newsletter', 'followup', 'other')),
			status TEXT NOT NULL CHECK (status IN ('draft', 'scheduled', 'sending', 'paused', 'finished', 'cancelled')),
			event_id INTEGER REFERENCES events(id) ON DELETE SET NULL,
			segment_ids TEXT NOT NULL DEFAULT '[]',
			contact_ids TEXT NOT NULL DEFAULT '[]',
			subject TEXT NOT NULL DEFAULT '',
			body TEXT NOT NULL DEFAULT '',
			subject_en TEXT NOT NULL DEFAULT '',
			body_en TEXT NOT NULL DEFAULT '',
			send_at DATETIME,
			started_at DATETIME,
			-- queued_at: every recipient has been written to the outbox
			queued_at DATETIME,
			finished_at DATETIME,
			created_by TEXT NOT NULL DEFAULT '',
			created_at DATETIME NOT NULL,
			updated_at DATETIME NOT NULL
		)`,
		`CREATE INDEX campaigns_status ON campaigns(status, send_at)`,
		// The recipients as they were when the campaign was sent; each has
		// its own token for the invitation and unsubscribe links.
		`CREATE TABLE campaign_recipients (
			id INTEGER PRIMARY KEY AUTOINCREMENT,
			campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
			contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
			email TEXT NOT NULL COLLATE NOCASE,
			name TEXT NOT NULL DEFAULT '',
			company_name TEXT NOT NULL DEFAULT '',
			company_id INTEGER,
			lang TEXT NOT NULL DEFAULT 'da',
			token TEXT NOT NULL UNIQUE,
			mail_id INTEGER,
			declined_at DATETIME,
			reminded_at DATETIME,
			created_at DATETIME NOT NULL,
			UNIQUE (campaign_id, email)
		)`,
		`CREATE INDEX campaign_recipients_email ON campaign_recipients(email)`,
		// Mails of one campaign are held and released together (pause,
		// resume, cancel). hold_reason tells a pause from a missing SMTP
		// server, so configuring SMTP does not resume a paused campaign.
		`ALTER TABLE mail_messages ADD COLUMN group_key TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE mail_messages ADD COLUMN hold_reason TEXT NOT NULL DEFAULT ''`,
		`CREATE INDEX mail_messages_group ON mail_messages(group_key, state) WHERE group_key <> ''`,
		// A registration made through an invitation link remembers it.
		`ALTER TABLE registrations ADD COLUMN invitation TEXT NOT NULL DEFAULT ''`,
		// Newsletter sign-ups wait here for their confirmation (double opt-in).
		`CREATE TABLE newsletter_signups (
			token TEXT PRIMARY KEY,
			email TEXT NOT NULL COLLATE NOCASE,
			name TEXT NOT NULL DEFAULT '',
			company TEXT NOT NULL DEFAULT '',
			lang TEXT NOT NULL DEFAULT 'da',
			created_at DATETIME NOT NULL,
			confirmed_at DATETIME
		)`,
	)
}

func v10Awards(tx *gorm.DB) error {
	return execAll(tx,
		// One round per award year; its event is the nytårskur where the
		// gazelles are celebrated.
		`CREATE TABLE award_rounds (
			id INTEGER PRIMARY KEY AUTOINCREMENT,
			year INTEGER NOT NULL UNIQUE,
			status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
			event_id INTEGER REFERENCES events(id) ON DELETE SET NULL,
			evaluated_at DATETIME,
			published_at DATETIME,
			created_at DATETIME NOT NULL,
			updated_at DATETIME NOT NULL
		)`,
		// Every company evaluated in a round, with the engine's verdict and
		// its evidence as they were, and the jury's work on it.
		`CREATE TABLE award_entries (
			id INTEGER PRIMARY KEY AUTOINCREMENT,
			round_id INTEGER NOT NULL REFERENCES award_rounds(id) ON DELETE CASCADE,
			company_id INTEGER NOT NULL REFERENCES companies(id) ON DELETE CASCADE,
			result TEXT NOT NULL,
			verdict TEXT NOT NULL DEFAULT '{}',
			growth REAL,
			shortlisted INTEGER NOT NULL DEFAULT 0,
			manual_reason TEXT NOT NULL DEFAULT '',
			jury_note TEXT NOT NULL DEFAULT '',
			decision TEXT NOT NULL DEFAULT '' CHECK (decision IN ('', 'winner', 'gazelle', 'rejected')),
			decided_by TEXT NOT NULL DEFAULT '',
			decided_at DATETIME,
			updated_at DATETIME NOT NULL,
			UNIQUE (round_id, company_id)
		)`,
		`CREATE INDEX award_entries_round ON award_entries(round_id, result)`,
		`CREATE INDEX award_entries_company ON award_entries(company_id)`,
	)
}

func v11Audit(tx *gorm.DB) error {
	return execAll(tx,
		// Who changed what, when: staff by e-mail, "desktop user", "public"
		// for the public site, "system" for scheduled jobs.
		`CREATE TABLE audit_log (
			id INTEGER PRIMARY KEY AUTOINCREMENT,
			at DATETIME NOT NULL,
			actor TEXT NOT NULL,
			entity TEXT NOT NULL,
			entity_id INTEGER NOT NULL DEFAULT 0,
			action TEXT NOT NULL,
			detail TEXT NOT NULL DEFAULT ''
		)`,
		`CREATE INDEX audit_log_at ON audit_log(at)`,
		`CREATE INDEX audit_log_entity ON audit_log(entity, entity_id)`,
		// Registrations whose personal data the retention job has removed.
		`ALTER TABLE registrations ADD COLUMN anonymised_at DATETIME`,
		// The reports group registrations by when they were made and by
		// company.
		`CREATE INDEX registrations_created ON registrations(created_at)`,
		`CREATE INDEX registrations_company ON registrations(company_id, created_at)`,
		`CREATE INDEX events_kind ON events(kind, starts_at)`,
		// Covering indexes: the reports count an event's places and
		// check-ins without reading the rows.
		`CREATE INDEX registrations_event_places ON registrations(event_id, status, seats, company_id)`,
		`CREATE INDEX registration_attendees_attended ON registration_attendees(event_id, attended_at)`,
		`CREATE INDEX registrations_company_places ON registrations(status, company_id, event_id, seats)`,
	)
}
