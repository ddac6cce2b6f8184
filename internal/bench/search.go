package bench

import (
	"context"
	"fmt"
	"math/rand"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"convene/internal/company"
	"convene/internal/store"
)

const (
	searchCompanies = 100000
	searchContacts  = 300000
)

var nameWords = []string{"Nordisk", "Ballerup", "Lautrup", "Kildedal", "Grøn", "Digital", "Måløv", "Skovlunde", "Teknik",
	"Energi", "Byg", "Data", "Life", "Finans", "Ørsted", "Æble", "Vest", "Øst", "Hav", "Sol", "Vind", "Kraft", "Smart", "Nova"}

// validCVR makes a valid CVR number from a seven-digit base, or "" when
// the base has no valid check digit.
func validCVR(base int) string {
	s := strconv.Itoa(base)
	w := []int{2, 7, 6, 5, 4, 3, 2}
	sum := 0
	for i := 0; i < 7; i++ {
		sum += int(s[i]-'0') * w[i]
	}
	d := (11 - sum%11) % 11
	if d == 10 {
		return ""
	}
	return s + strconv.Itoa(d)
}

// seedRegister fills the register with bulk inserts, as an import would.
func seedRegister(ctx context.Context, st *store.Store, rng *rand.Rand) ([]string, []string, []string, error) {
	var names, cvrs, emails []string
	now := time.Now().UTC()
	err := st.Tx(ctx, func(ctx context.Context) error {
		db := st.W(ctx)
		for base, i := 2000000, 0; i < searchCompanies; base++ {
			cvr := validCVR(base)
			if cvr == "" {
				continue
			}
			name := fmt.Sprintf("%s %s %d ApS", nameWords[rng.Intn(len(nameWords))], nameWords[rng.Intn(len(nameWords))], i)
			if err := db.Exec(`INSERT INTO companies (cvr, name, name_key, cluster, area, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
				cvr, name, strings.ToLower(name), company.Clusters[i%4], "Lautrup", now, now).Error; err != nil {
				return err
			}
			names, cvrs = append(names, name), append(cvrs, cvr)
			i++
		}
		for i := 0; i < searchContacts; i++ {
			email := fmt.Sprintf("person%d@firma%d.dk", i, i%searchCompanies)
			name := fmt.Sprintf("Person %d %s", i, nameWords[i%len(nameWords)])
			if err := db.Exec(`INSERT INTO contacts (name, name_key, email, company_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
				name, strings.ToLower(name), email, i%searchCompanies+1, now, now).Error; err != nil {
				return err
			}
			emails = append(emails, email)
		}
		return nil
	})
	return names, cvrs, emails, err
}

// benchSearch searches a register of 100,000 companies and 300,000
// contacts through the service layer by name prefix, CVR and e-mail, and
// fetches a page deep in the list against the first page.
func benchSearch(ctx context.Context, dir string, r *Report) error {
	st, err := store.Open(ctx, filepath.Join(dir, "search.db"), store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	rng := rand.New(rand.NewSource(1))
	names, cvrs, emails, err := seedRegister(ctx, st, rng)
	if err != nil {
		return err
	}
	svc := company.NewService(st)
	var times []time.Duration
	for i := 0; i < 300; i++ {
		var q company.Query
		switch i % 3 {
		case 0:
			n := []rune(names[rng.Intn(len(names))])
			q.Search = string(n[:4+rng.Intn(6)])
		case 1:
			q.Search = cvrs[rng.Intn(len(cvrs))][:4+rng.Intn(5)]
		case 2:
			e := emails[rng.Intn(len(emails))]
			q.Search = e[:strings.IndexByte(e, '@')+3]
		}
		t0 := time.Now()
		p, err := svc.List(ctx, q)
		if err != nil {
			return err
		}
		times = append(times, time.Since(t0))
		if p.Total == 0 {
			return fmt.Errorf("search %q found nothing", q.Search)
		}
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	ms := func(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

	// A page 1,000 pages in (50,000 rows), reached by its cursor, against
	// the first page.
	first := time.Now()
	p, err := svc.List(ctx, company.Query{PageSize: 50})
	if err != nil {
		return err
	}
	firstMS := ms(time.Since(first))
	for i := 0; i < 999 && p.Next != ""; i++ {
		if p, err = svc.List(ctx, company.Query{PageSize: 50, After: p.Next}); err != nil {
			return err
		}
	}
	deep := time.Now()
	if _, err := svc.List(ctx, company.Query{PageSize: 50, After: p.Next}); err != nil {
		return err
	}
	deepMS := ms(time.Since(deep))
	r.Add("search", "p50_ms", ms(times[len(times)/2]), "ms", "300 searches by name prefix, CVR and e-mail; 100k companies, 300k contacts")
	r.Add("search", "p95_ms", ms(times[len(times)*95/100]), "ms", "target < 50")
	r.Add("search", "first_page_ms", firstMS, "ms", "baseline: the first page of the company list")
	r.Add("search", "deep_page_ms", deepMS, "ms", "page 1,001 (after 50,000 rows), by its cursor")
	return nil
}
