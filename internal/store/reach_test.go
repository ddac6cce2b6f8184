package store

import (
	"context"
	"fmt"
	"math/rand"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"gorm.io/gorm"
)

// reachFact is a row of report_reach, or what one should be.
type reachFact struct {
	CompanyID, EventID int64
	StartsAt           int64
	Kind               string
	Track              int
	Themes             string
	Cluster, Area      string
	Seats              int64
}

// TestReportReachFollowsEveryChange makes random changes to companies,
// events and registrations and, after each, compares the fact table (kept
// by triggers and AddReach) with one computed from scratch by a query
// written apart from them.
func TestReportReachFollowsEveryChange(t *testing.T) {
	ctx := context.Background()
	s := openAt(t, filepath.Join(t.TempDir(), "reach.db"), Options{})
	db := s.W(ctx)
	rng := rand.New(rand.NewSource(12))
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	exec := func(q string, args ...any) {
		t.Helper()
		if err := db.Exec(q, args...).Error; err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	// pickIn picks one row's id with the test's own random source, so a
	// run is the same every time.
	pickIn := func(db *gorm.DB, table string) any {
		var ids []int64
		db.Raw("SELECT id FROM " + table + " ORDER BY id").Scan(&ids)
		if len(ids) == 0 {
			return nil
		}
		return ids[rng.Intn(len(ids))]
	}
	pick := func(table string) any { return pickIn(db, table) }
	clusters := []string{"it", "finance", "lifescience", "other"}
	statuses := []string{"draft", "published", "cancelled", "completed"}
	kinds := []string{"network", "information", "newyear"}
	themes := []string{`[]`, `["Eksport"]`, `["Grøn omstilling","Eksport"]`, `["A \u0026 B"]`}
	newCompany := func() {
		n := rng.Int63()
		exec(`INSERT INTO companies (name, name_key, cluster, area, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
			fmt.Sprint("Firma ", n), fmt.Sprint("firma ", n), clusters[rng.Intn(4)], fmt.Sprint("Område ", rng.Intn(3)), now, now)
	}
	newEvent := func() {
		n := rng.Int63()
		start := now.Add(time.Duration(rng.Intn(2000)) * time.Hour)
		exec(`INSERT INTO events (slug, uid, kind, status, title, themes, track, starts_at, ends_at, created_at, updated_at)
			VALUES (?, ?, ?, ?, 'E', ?, ?, ?, ?, ?, ?)`, fmt.Sprint("e", n), fmt.Sprint(n, "@x"), kinds[rng.Intn(3)], statuses[rng.Intn(4)],
			themes[rng.Intn(4)], rng.Intn(5), start, start.Add(time.Hour), now, now)
	}
	for i := 0; i < 8; i++ {
		newCompany()
		newEvent()
	}
	regStatus := []string{"confirmed", "confirmed", "waitlisted", "cancelled"}
	ops := []func(){
		newCompany, newEvent,
		func() {
			// New registrations, as the committer writes them: a batch,
			// then AddReach in the same transaction.
			err := s.Tx(ctx, func(ctx context.Context) error {
				tx := s.W(ctx)
				var ids []int64
				for i := 0; i < 1+rng.Intn(3); i++ {
					var id int64
					if err := tx.Raw(`INSERT INTO registrations (event_id, token, status, seats, company_name, company_id, email, created_at, updated_at)
						VALUES (?, ?, ?, ?, 'F', ?, 'a@b.dk', ?, ?) RETURNING id`, pickIn(tx, "events"), fmt.Sprint("t", rng.Int63()), regStatus[rng.Intn(4)],
						1+rng.Intn(3), pickIn(tx, "companies"), now, now).Scan(&id).Error; err != nil {
						return err
					}
					ids = append(ids, id)
				}
				return AddReach(tx, ids)
			})
			if err != nil {
				t.Fatal(err)
			}
		},
		func() {
			exec(`UPDATE registrations SET status = ? WHERE id = ?`, regStatus[rng.Intn(4)], pick("registrations"))
		},
		func() { exec(`UPDATE registrations SET seats = ? WHERE id = ?`, 1+rng.Intn(4), pick("registrations")) },
		func() {
			exec(`UPDATE registrations SET company_id = ? WHERE id = ?`, pick("companies"), pick("registrations"))
		},
		func() { exec(`UPDATE registrations SET company_id = NULL WHERE id = ?`, pick("registrations")) },
		func() { exec(`UPDATE registrations SET updated_at = ? WHERE id = ?`, now, pick("registrations")) },
		func() { exec(`DELETE FROM registrations WHERE id = ?`, pick("registrations")) },
		func() { exec(`UPDATE events SET status = ? WHERE id = ?`, statuses[rng.Intn(4)], pick("events")) },
		func() {
			exec(`UPDATE events SET starts_at = ?, kind = ?, track = ?, themes = ? WHERE id = ?`,
				now.Add(time.Duration(rng.Intn(900))*time.Minute), kinds[rng.Intn(3)], rng.Intn(5), themes[rng.Intn(4)], pick("events"))
		},
		func() {
			exec(`UPDATE companies SET cluster = ?, area = ? WHERE id = ?`, clusters[rng.Intn(4)], "Kildedal", pick("companies"))
		},
		func() { exec(`UPDATE companies SET name = 'Nyt navn' WHERE id = ?`, pick("companies")) },
		func() { exec(`DELETE FROM companies WHERE id = ?`, pick("companies")) },
		func() { exec(`DELETE FROM events WHERE id = ?`, pick("events")) },
	}
	want := func() []reachFact {
		var out []reachFact
		rows, err := db.Raw(`SELECT r.company_id, r.event_id, e.starts_at, e.kind, e.track, e.themes, c.cluster, c.area, sum(r.seats)
			FROM registrations r, events e, companies c
			WHERE e.id = r.event_id AND c.id = r.company_id AND r.status = 'confirmed' AND e.status IN ('published', 'completed')
			GROUP BY r.company_id, r.event_id ORDER BY r.company_id, r.event_id`).Rows()
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var f reachFact
			var starts time.Time
			var themes string
			if err := rows.Scan(&f.CompanyID, &f.EventID, &starts, &f.Kind, &f.Track, &themes, &f.Cluster, &f.Area, &f.Seats); err != nil {
				t.Fatal(err)
			}
			f.StartsAt = starts.Unix()
			f.Themes = map[string]string{`[]`: ``, `["Eksport"]`: `|eksport|`,
				`["Grøn omstilling","Eksport"]`: `|grøn omstilling|eksport|`, `["A \u0026 B"]`: `|a & b|`}[themes]
			out = append(out, f)
		}
		return out
	}
	got := func() []reachFact {
		var out []reachFact
		if err := db.Raw(`SELECT * FROM report_reach ORDER BY company_id, event_id`).Scan(&out).Error; err != nil {
			t.Fatal(err)
		}
		return out
	}
	nonEmpty := 0
	for step := 0; step < 400; step++ {
		op := rng.Intn(len(ops))
		ops[op]()
		w, g := want(), got()
		if !reflect.DeepEqual(w, g) {
			t.Fatalf("step %d (operation %d): report_reach\n got %+v\nwant %+v", step, op, g, w)
		}
		if len(w) > 0 {
			nonEmpty++
		}
	}
	t.Logf("%d of 400 steps had facts", nonEmpty)
	if nonEmpty < 200 {
		t.Fatalf("the changes left the fact table empty too often (%d of 400 steps had rows)", nonEmpty)
	}
}
