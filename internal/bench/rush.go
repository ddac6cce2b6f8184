package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"regexp"
	"sort"
	"sync"
	"time"

	"convene/internal/auth"
	"convene/internal/calendar"
	"convene/internal/event"
	"convene/internal/i18n"
	"convene/internal/mail"
	"convene/internal/registration"
	"convene/internal/setting"
	"convene/internal/store"
	"convene/internal/web"
)

const (
	rushClients = 200
	rushTotal   = 2000
	rushSeats   = 500
)

var rushCSRF = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

// rushServer is the public site with registrations, as serve mode runs it.
type rushServer struct {
	st    *store.Store
	srv   *httptest.Server
	event event.Event
	regs  *registration.Service
}

func newRushServer(ctx context.Context, dir string) (*rushServer, error) {
	st, err := store.Open(ctx, filepath.Join(dir, "rush.db"), store.Options{})
	if err != nil {
		return nil, err
	}
	settings := setting.NewService(st)
	cat := i18n.MustLoad()
	renderer, err := mail.NewRenderer(cat, settings)
	if err != nil {
		return nil, err
	}
	outbox := mail.NewOutbox(st, renderer)
	events := event.NewService(st, "balk.dk")
	regs := registration.NewService(st, events, registration.NewMailNotifier(outbox, func(context.Context) string { return "http://127.0.0.1" }).
		WithCalendar(func(context.Context) calendar.Organizer { return calendar.OrganizerFrom(setting.Defaults()) }), nil)
	start := time.Now().Add(14 * 24 * time.Hour).Truncate(time.Hour)
	e, err := events.Save(ctx, event.Event{Title: "Erhvervslivets nytårskur", Kind: event.KindNewYear, StartsAt: start,
		EndsAt: start.Add(3 * time.Hour), Capacity: rushSeats, Venue: "Ballerup Rådhus", Address: "Hold-an Vej 7, 2750 Ballerup",
		Waitlist: true, Description: "Vi fejrer årets **gazeller**."})
	if err != nil {
		return nil, err
	}
	if e, err = events.Publish(ctx, e.ID); err != nil {
		return nil, err
	}
	s, err := web.New(web.Config{Store: st, Settings: settings, Users: auth.NewService(st), Catalog: cat,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Addr: "127.0.0.1:0", Events: events, Registrations: regs,
		// Every client of the benchmark shares 127.0.0.1.
		FormPostsPerAddress: -1})
	if err != nil {
		return nil, err
	}
	return &rushServer{st: st, srv: httptest.NewServer(s), event: e, regs: regs}, nil
}

func (r *rushServer) close() {
	r.srv.Close()
	r.st.Close()
}

func percentile(d []time.Duration, p float64) float64 {
	if len(d) == 0 {
		return 0
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	return float64(d[int(float64(len(d)-1)*p)].Microseconds()) / 1000
}

// benchRush fires 2,000 registrations from 200 concurrent clients at an
// event with 500 seats over loopback HTTP, then checks the database: no
// seat overbooked, no accepted registration lost.
func benchRush(ctx context.Context, dir string, r *Report) error {
	rs, err := newRushServer(ctx, dir)
	if err != nil {
		return err
	}
	defer rs.close()
	path := "/e/" + rs.event.Slug
	var mu sync.Mutex
	var lat []time.Duration
	accepted, failed := 0, 0
	var wg sync.WaitGroup
	t0 := time.Now()
	for c := 0; c < rushClients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			jar, _ := cookiejar.New(nil)
			client := &http.Client{Jar: jar, Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			resp, err := client.Get(rs.srv.URL + path)
			if err != nil {
				return
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			m := rushCSRF.FindSubmatch(body)
			if m == nil {
				return
			}
			for i := 0; i < rushTotal/rushClients; i++ {
				n := c*(rushTotal/rushClients) + i
				form := url.Values{"csrf": {string(m[1])}, "company": {fmt.Sprintf("Firma %d ApS", n)},
					"a0_name": {fmt.Sprintf("Deltager %d", n)}, "a0_email": {fmt.Sprintf("deltager%d@firma%d.dk", n, n)}}
				start := time.Now()
				resp, err := client.PostForm(rs.srv.URL+path+"/register", form)
				d := time.Since(start)
				ok := err == nil && resp.StatusCode == http.StatusSeeOther
				if err == nil {
					io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
				}
				mu.Lock()
				lat = append(lat, d)
				if ok {
					accepted++
				} else {
					failed++
				}
				mu.Unlock()
			}
		}(c)
	}
	wg.Wait()
	took := time.Since(t0)
	counts, err := rs.regs.Counts(ctx, rs.event.ID)
	if err != nil {
		return err
	}
	var stored int64
	rs.st.R(ctx).Table("registrations").Count(&stored)
	var confirmedSeats int64
	rs.st.R(ctx).Raw("SELECT coalesce(sum(seats), 0) FROM registrations WHERE status = 'confirmed'").Scan(&confirmedSeats)
	overbooked := max(confirmedSeats-int64(counts.Capacity), 0)
	lost := max(int64(accepted)-stored, 0)
	if failed > 0 {
		lost += int64(failed)
	}
	raw, err := rawWriteRate(ctx, rs.st)
	if err != nil {
		return err
	}
	rate := float64(len(lat)) / took.Seconds()
	r.Add("rush", "registrations_per_s", rate, "1/s", "2,000 registrations from 200 concurrent clients, 500 seats, loopback HTTP (target >= 1,000)")
	r.Add("rush", "p50_ms", percentile(lat, 0.50), "ms", "")
	r.Add("rush", "p99_ms", percentile(lat, 0.99), "ms", "target < 250")
	r.Add("rush", "overbooked", float64(overbooked), "count", fmt.Sprintf("%d confirmed seats for %d", confirmedSeats, counts.Capacity))
	r.Add("rush", "lost", float64(lost), "count", fmt.Sprintf("%d accepted, %d stored, %d unanswered", accepted, stored, failed))
	r.Add("rush", "raw_tx_per_s", raw, "1/s", "baseline: single-row write transactions, 4 writers, same database")
	r.Add("rush", "ratio", rate/raw, "x", "registrations over raw transactions")
	return benchPage(ctx, rs, r)
}

// rawWriteRate is the rate of single-row write transactions.
func rawWriteRate(ctx context.Context, st *store.Store) (float64, error) {
	if err := st.W(ctx).Exec("CREATE TABLE IF NOT EXISTS bench_raw (id INTEGER PRIMARY KEY, v TEXT)").Error; err != nil {
		return 0, err
	}
	return rate(2*time.Second, 4, func() error {
		return st.Tx(ctx, func(ctx context.Context) error {
			return st.W(ctx).Exec("INSERT INTO bench_raw (v) VALUES (?)", "x").Error
		})
	})
}

// benchPage serves the public event page against the same bytes as a
// static file.
func benchPage(ctx context.Context, rs *rushServer, r *Report) error {
	resp, err := http.Get(rs.srv.URL + "/e/" + rs.event.Slug)
	if err != nil {
		return err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	static := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		http.ServeContent(w, req, "event.html", time.Time{}, bytes.NewReader(body))
	}))
	defer static.Close()
	get := func(u string) func() error {
		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 16}}
		return func() error {
			resp, err := client.Get(u)
			if err != nil {
				return err
			}
			io.Copy(io.Discard, resp.Body)
			return resp.Body.Close()
		}
	}
	page, err := rate(2*time.Second, 8, get(rs.srv.URL+"/e/"+rs.event.Slug))
	if err != nil {
		return err
	}
	file, err := rate(2*time.Second, 8, get(static.URL))
	if err != nil {
		return err
	}
	r.Add("page", "req_per_s", page, "1/s", "the public event page, 8 clients")
	r.Add("page", "static_req_per_s", file, "1/s", "baseline: the same bytes as a static file")
	r.Add("page", "ratio", page/file, "x", "target >= 0.5")
	return nil
}
