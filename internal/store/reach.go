package store

import (
	"strings"

	"gorm.io/gorm"
)

// report_reach is the reports' fact table: one row per company and counted
// event (published or completed) where the company holds confirmed places,
// with the event's and the company's facts the reports filter and group by.
// Triggers keep it in step with changed and deleted registrations, events
// and companies in the same statement; new registrations are added by
// AddReach in their transaction. It is never stale and needs no rebuild job.
//
// It exists for speed. Counting distinct companies over the registrations
// needs a sort of every confirmed place; this table is ordered by company,
// so one pass counts them with no sort and no joins, and the start time is
// an integer (Unix seconds) that compares cheaply.

// reachRow selects report_reach rows from registrations r, events e and
// companies c for the places matching where.
func reachRow(where string) string {
	return `INSERT INTO report_reach (company_id, event_id, starts_at, kind, track, themes, cluster, area, seats)
		SELECT r.company_id, r.event_id, unixepoch(e.starts_at), e.kind, e.track,
			CASE WHEN json_valid(e.themes) THEN coalesce((SELECT '|' || group_concat(lower(j.value), '|') || '|' FROM json_each(e.themes) j), '') ELSE '' END,
			c.cluster, c.area, sum(r.seats)
		FROM registrations r JOIN events e ON e.id = r.event_id JOIN companies c ON c.id = r.company_id
		WHERE r.status = 'confirmed' AND e.status IN ('published', 'completed') AND ` + where + `
		GROUP BY r.company_id, r.event_id`
}

// reachPair rebuilds the row of one company and event, given as SQL
// expressions (NEW.company_id, OLD.event_id, ...).
func reachPair(company, event string) string {
	return `DELETE FROM report_reach WHERE company_id = ` + company + ` AND event_id = ` + event + `;
		` + reachRow(`r.company_id = `+company+` AND r.event_id = `+event) + `;`
}

// AddReach adds new registrations to report_reach, in the transaction
// that wrote them; the registration committer calls it once per batch.
// Every other change is followed by triggers, but an insert trigger would
// be compiled into every registration's INSERT, a tenth of a rush's time,
// even for the many registrations without a company in the register.
func AddReach(db *gorm.DB, registrationIDs []int64) error {
	if len(registrationIDs) == 0 {
		return nil
	}
	pairs := `(SELECT company_id, event_id FROM registrations WHERE id IN ? AND company_id IS NOT NULL AND status = 'confirmed')`
	if err := db.Exec(`DELETE FROM report_reach WHERE (company_id, event_id) IN `+pairs, registrationIDs).Error; err != nil {
		return err
	}
	return db.Exec(reachRow(`(r.company_id, r.event_id) IN `+pairs), registrationIDs).Error
}

// RebuildReach fills report_reach from scratch, for registrations written
// by hand (the benchmark's seed).
func RebuildReach(db *gorm.DB) error {
	return execAll(db, `DELETE FROM report_reach`, reachRow(`r.company_id IS NOT NULL`))
}

func trigger(name, on, body string) string {
	return `CREATE TRIGGER ` + name + ` ` + on + ` BEGIN
		` + strings.TrimSpace(body) + `
	END`
}

func v12Reach(tx *gorm.DB) error {
	return execAll(tx,
		`CREATE TABLE report_reach (
			company_id INTEGER NOT NULL,
			event_id INTEGER NOT NULL,
			starts_at INTEGER NOT NULL,
			kind TEXT NOT NULL,
			track INTEGER NOT NULL,
			themes TEXT NOT NULL,
			cluster TEXT NOT NULL,
			area TEXT NOT NULL,
			seats INTEGER NOT NULL,
			PRIMARY KEY (company_id, event_id)
		) WITHOUT ROWID`,
		`CREATE INDEX report_reach_event ON report_reach(event_id)`,
		// By track, then company: companies per policy track in one pass
		// without a sort, read from the index alone.
		`CREATE INDEX report_reach_track ON report_reach(track, company_id, starts_at, kind, themes, seats)`,
		reachRow(`r.company_id IS NOT NULL`),
		trigger("report_reach_registration_update", `AFTER UPDATE OF status, seats, company_id, event_id ON registrations
			WHEN OLD.company_id IS NOT NULL OR NEW.company_id IS NOT NULL`,
			reachPair("OLD.company_id", "OLD.event_id")+reachPair("NEW.company_id", "NEW.event_id")),
		trigger("report_reach_registration_delete", `AFTER DELETE ON registrations
			WHEN OLD.company_id IS NOT NULL AND OLD.status = 'confirmed'`,
			reachPair("OLD.company_id", "OLD.event_id")),
		trigger("report_reach_event_update", `AFTER UPDATE OF status, starts_at, kind, track, themes ON events`,
			`DELETE FROM report_reach WHERE event_id = OLD.id;
			`+reachRow(`r.event_id = NEW.id AND r.company_id IS NOT NULL`)+`;`),
		trigger("report_reach_event_delete", `AFTER DELETE ON events`,
			`DELETE FROM report_reach WHERE event_id = OLD.id;`),
		trigger("report_reach_company_update", `AFTER UPDATE OF cluster, area ON companies`,
			`UPDATE report_reach SET cluster = NEW.cluster, area = NEW.area WHERE company_id = NEW.id;`),
		trigger("report_reach_company_delete", `AFTER DELETE ON companies`,
			`DELETE FROM report_reach WHERE company_id = OLD.id;`),
	)
}
