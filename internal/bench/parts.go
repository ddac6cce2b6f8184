package bench

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"convene/internal/auth"
	"convene/internal/i18n"
	"convene/internal/setting"
	"convene/internal/store"
	"convene/internal/web"
)

// Part is one section of the table.
type Part struct {
	Name string
	Run  func(ctx context.Context, dir string, r *Report) error
}

// Parts lists every part, in the order the table shows them.
func Parts() []Part {
	return []Part{
		{"store", benchStore},
		{"rpc", benchRPC},
		{"mail", benchMail},
		{"import", benchImport},
		{"search", benchSearch},
		{"rush", benchRush},
		{"feed", benchFeed},
		{"campaign", benchCampaign},
		{"report", benchReport},
		{"gazelle", benchGazelle},
	}
}

// rate runs fn on workers goroutines for d and returns operations per second.
func rate(d time.Duration, workers int, fn func() error) (float64, error) {
	var mu sync.Mutex
	var total int
	var firstErr error
	deadline := time.Now().Add(d)
	start := time.Now()
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			n := 0
			for time.Now().Before(deadline) {
				if err := fn(); err != nil {
					mu.Lock()
					if firstErr == nil {
						firstErr = err
					}
					mu.Unlock()
					return
				}
				n++
			}
			mu.Lock()
			total += n
			mu.Unlock()
		}()
	}
	wg.Wait()
	return float64(total) / time.Since(start).Seconds(), firstErr
}

// benchStore measures opening, writing through the single writer, and
// reading through the read pool against reading through the writer.
func benchStore(ctx context.Context, dir string, r *Report) error {
	path := filepath.Join(dir, "store.db")
	t0 := time.Now()
	st, err := store.Open(ctx, path, store.Options{})
	if err != nil {
		return err
	}
	r.Add("store", "create_ms", float64(time.Since(t0).Microseconds())/1000, "ms", "new database with every migration")
	st.Close()
	t0 = time.Now()
	st, err = store.Open(ctx, path, store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	r.Add("store", "open_ms", float64(time.Since(t0).Microseconds())/1000, "ms", "existing database, integrity checked")

	svc := setting.NewService(st)
	var n atomic.Int64
	// Each caller saves on top of the settings it read; a save refused
	// because another caller saved first is read and tried again, as the
	// staff UI does.
	writes, err := rate(2*time.Second, 4, func() error {
		for {
			in, err := svc.Get(ctx)
			if err != nil {
				return err
			}
			in.Department = fmt.Sprintf("Erhvervsafdelingen %d", n.Add(1))
			var ie *i18n.Error
			if _, err = svc.Save(ctx, in, "bench"); !errors.As(err, &ie) || ie.Key != "error.settings_changed" {
				return err
			}
		}
	})
	if err != nil {
		return err
	}
	r.Add("store", "writes_per_s", writes, "1/s", "settings saves, 4 callers, one write connection, each on top of what it read")

	pool, err := rate(2*time.Second, 4, func() error { _, err := svc.Get(ctx); return err })
	if err != nil {
		return err
	}
	single, err := rate(2*time.Second, 4, func() error {
		return st.Tx(ctx, func(ctx context.Context) error { _, err := svc.Get(ctx); return err })
	})
	if err != nil {
		return err
	}
	r.Add("store", "reads_per_s", pool, "1/s", "settings reads, 4 callers, read pool")
	r.Add("store", "reads_writer_per_s", single, "1/s", "baseline: the same reads through the write connection")
	r.Add("store", "read_pool_ratio", pool/single, "x", "read pool over single writer (higher is better)")
	return nil
}

// benchService is bound to the RPC endpoint like the staff UI's services.
type benchService struct {
	ctx context.Context
	svc *setting.Service
}

func (b *benchService) Get() (setting.Settings, error) { return b.svc.Get(b.ctx) }

// benchRPC measures a staff UI call over the RPC endpoint (session, CSRF,
// reflection, JSON) against calling the service directly.
func benchRPC(ctx context.Context, dir string, r *Report) error {
	st, err := store.Open(ctx, filepath.Join(dir, "rpc.db"), store.Options{})
	if err != nil {
		return err
	}
	defer st.Close()
	users := auth.NewService(st)
	settings := setting.NewService(st)
	if _, err := users.AddUser(ctx, auth.NewUser{Email: "bench@example.dk", Role: auth.RoleAdmin, Password: "bench password"}); err != nil {
		return err
	}
	srv, err := web.New(web.Config{Store: st, Settings: settings, Users: users, Catalog: i18n.MustLoad(),
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Addr: "127.0.0.1:0",
		Services: func(ctx context.Context, _ auth.Actor) []any { return []any{&benchService{ctx: ctx, svc: settings}} }})
	if err != nil {
		return err
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	client, csrf, err := signIn(ts.URL)
	if err != nil {
		return err
	}
	call := func() error {
		req, _ := http.NewRequest("POST", ts.URL+"/api/rpc/benchService/Get", strings.NewReader("[]"))
		req.Header.Set("X-CSRF-Token", csrf)
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			return fmt.Errorf("rpc status %d", resp.StatusCode)
		}
		return nil
	}
	viaRPC, err := rate(2*time.Second, 4, call)
	if err != nil {
		return err
	}
	direct, err := rate(2*time.Second, 4, func() error { _, err := settings.Get(ctx); return err })
	if err != nil {
		return err
	}
	r.Add("rpc", "calls_per_s", viaRPC, "1/s", "Settings.Get over HTTP with session and CSRF, 4 clients")
	r.Add("rpc", "direct_per_s", direct, "1/s", "baseline: the same call in process")
	r.Add("rpc", "overhead_ratio", direct/viaRPC, "x", "direct over RPC (the transport's cost)")
	return nil
}

var csrfField = regexp.MustCompile(`name="csrf" value="([^"]+)"`)

func signIn(base string) (*http.Client, string, error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	resp, err := c.Get(base + "/login")
	if err != nil {
		return nil, "", err
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	m := csrfField.FindSubmatch(body)
	if m == nil {
		return nil, "", fmt.Errorf("no login form")
	}
	resp, err = c.PostForm(base+"/login", url.Values{"csrf": {string(m[1])}, "email": {"bench@example.dk"}, "password": {"bench password"}})
	if err != nil {
		return nil, "", err
	}
	resp.Body.Close()
	u, _ := url.Parse(base)
	for _, ck := range jar.Cookies(u) {
		if ck.Name == "convene_csrf" {
			return c, ck.Value, nil
		}
	}
	return nil, "", fmt.Errorf("sign-in failed: %d", resp.StatusCode)
}

// TempDir makes the folder a run works in.
func TempDir() (string, func(), error) {
	dir, err := os.MkdirTemp("", "convene-bench-")
	return dir, func() { os.RemoveAll(dir) }, err
}
