package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"convene/internal/auth"
	"convene/internal/i18n"
	"convene/internal/store"
)

type result struct {
	code           int
	stdout, stderr string
}

func runCLI(t *testing.T, stdin string, args ...string) result {
	t.Helper()
	return runCtx(t, context.Background(), stdin, args...)
}

func runCtx(t *testing.T, ctx context.Context, stdin string, args ...string) result {
	t.Helper()
	var out, errb bytes.Buffer
	getenv := func(k string) string {
		if k == "LANG" {
			return "en_DK.UTF-8"
		}
		return ""
	}
	code := run(ctx, args, getenv, strings.NewReader(stdin), &out, &errb)
	return result{code, out.String(), errb.String()}
}

func TestCommandLineErrors(t *testing.T) {
	dir := t.TempDir()
	notDir := filepath.Join(dir, "file")
	os.WriteFile(notDir, []byte("x"), 0o600)
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"unknown flag", []string{"serve", "--port", "1"}, 2, "flag provided but not defined: -port"},
		{"unknown command", []string{"explode"}, 2, `unknown command "explode"`},
		{"bad base url", []string{"serve", "--data", dir, "--base-url", "events.dk", "--addr", "127.0.0.1:0"}, 1, "must start with http"},
		{"data folder not a folder", []string{"user", "list", "--data", filepath.Join(notDir, "sub")}, 1, "cannot be used"},
		{"backup without file", []string{"backup", "--data", dir}, 2, "Usage: convene backup"},
		{"user without email", []string{"user", "add", "--data", dir}, 2, "--email is required"},
		{"desktop in a server build", []string{"--data", dir, "--addr", "127.0.0.1:0"}, 1, "no desktop window"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.name == "desktop in a server build" && desktopBuild {
				t.Skip("desktop build")
			}
			r := runCLI(t, "", tc.args...)
			if r.code != tc.code || !strings.Contains(r.stderr, tc.want) {
				t.Fatalf("code %d, stderr %q; want %d with %q", r.code, r.stderr, tc.code, tc.want)
			}
			if strings.Contains(r.stderr, "panic") || strings.Contains(r.stderr, "goroutine") {
				t.Fatal("panicked")
			}
		})
	}
}

func TestHelpOnEveryCommand(t *testing.T) {
	if r := runCLI(t, "", "--help"); r.code != 0 || !strings.Contains(r.stdout, "Commands:") {
		t.Fatalf("convene --help: %+v", r)
	}
	for _, c := range commands() {
		args := []string{c.name, "--help"}
		if c.name == "import" {
			args = []string{"import", "companies", "--help"}
		}
		r := runCLI(t, "", args...)
		if r.code != 0 || !strings.Contains(r.stdout+r.stderr, "Usage: convene "+c.name) {
			t.Errorf("%v: code %d, output %q", args, r.code, r.stdout+r.stderr)
		}
	}
}

func TestRefusedDatabasesStayUnchanged(t *testing.T) {
	for _, tc := range []struct {
		name    string
		content func(t *testing.T, path string)
		want    string
	}{
		{"not sqlite", func(t *testing.T, path string) {
			os.WriteFile(path, bytes.Repeat([]byte("garbage!"), 200), 0o600)
		}, "damaged or not a SQLite database"},
		{"newer schema", func(t *testing.T, path string) {
			st, err := store.Open(context.Background(), path, store.Options{})
			if err != nil {
				t.Fatal(err)
			}
			st.W(context.Background()).Exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', 0)")
			st.Close()
		}, "knows only up to"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			path := filepath.Join(dir, "convene.db")
			tc.content(t, path)
			before, _ := os.ReadFile(path)
			for _, args := range [][]string{{"serve", "--addr", "127.0.0.1:0"}, {"user", "list"}, {"migrate"}} {
				r := runCLI(t, "", append(args, "--data", dir)...)
				if r.code != 1 || !strings.Contains(r.stderr, tc.want) || strings.Count(strings.TrimSpace(r.stderr), "\n") > 0 {
					t.Errorf("%v: code %d, stderr %q; want one line with %q", args, r.code, r.stderr, tc.want)
				}
			}
			after, _ := os.ReadFile(path)
			if sha256.Sum256(before) != sha256.Sum256(after) {
				t.Fatal("the refused database file changed")
			}
		})
	}
}

func TestPortInUse(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	r := runCLI(t, "", "serve", "--data", t.TempDir(), "--addr", ln.Addr().String())
	if r.code != 1 || !strings.Contains(r.stderr, "is used by another program") {
		t.Fatalf("code %d, stderr %q", r.code, r.stderr)
	}
}

func TestUserBackupAndMigrateCommands(t *testing.T) {
	dir := t.TempDir()
	if r := runCLI(t, "short\n", "user", "add", "--data", dir, "--email", "a@balk.dk", "--role", "admin"); r.code != 1 || !strings.Contains(r.stderr, "at least 10") {
		t.Fatalf("short password: %+v", r)
	}
	if r := runCLI(t, "long enough pw\n", "user", "add", "--data", dir, "--email", "A@Balk.dk", "--role", "admin", "--name", "Anne"); r.code != 0 {
		t.Fatalf("user add: %+v", r)
	}
	if r := runCLI(t, "long enough pw\n", "user", "add", "--data", dir, "--email", "a@balk.dk", "--role", "staff"); r.code != 1 || !strings.Contains(r.stderr, "already exists") {
		t.Fatalf("duplicate user: %+v", r)
	}
	if r := runCLI(t, "", "user", "list", "--data", dir); r.code != 0 || !strings.Contains(r.stdout, "a@balk.dk") || !strings.Contains(r.stdout, "admin") {
		t.Fatalf("user list: %+v", r)
	}
	if r := runCLI(t, "a new long password\n", "user", "passwd", "--data", dir, "--email", "a@balk.dk"); r.code != 0 {
		t.Fatalf("passwd: %+v", r)
	}
	if r := runCLI(t, "a new long password\n", "user", "passwd", "--data", dir, "--email", "nobody@balk.dk"); r.code != 1 {
		t.Fatalf("passwd of unknown user: %+v", r)
	}
	dest := filepath.Join(t.TempDir(), "copy.db")
	if r := runCLI(t, "", "backup", "--data", dir, dest); r.code != 0 || !strings.Contains(r.stdout, "backup written") {
		t.Fatalf("backup: %+v", r)
	}
	if err := store.Verify(dest); err != nil {
		t.Fatalf("backup file: %v", err)
	}
	if r := runCLI(t, "", "backup", "--data", dir, dest); r.code != 1 {
		t.Fatalf("backup over an existing file: %+v", r)
	}
	if r := runCLI(t, "", "migrate", "--data", dir); r.code != 0 || !strings.Contains(r.stdout, "up to date") {
		t.Fatalf("migrate: %+v", r)
	}
	if r := runCLI(t, "", "version"); r.code != 0 || !strings.HasPrefix(r.stdout, "convene ") {
		t.Fatalf("version: %+v", r)
	}
}

func TestServeStartsAndStopsCleanly(t *testing.T) {
	dir := t.TempDir()
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan result)
	go func() {
		done <- runCtx(t, ctx, "", "serve", "--data", dir, "--addr", addr, "--base-url", "https://events.balk.dk/")
	}()
	var resp *http.Response
	var err error
	for i := 0; i < 100; i++ {
		resp, err = http.Get("http://" + addr + "/healthz")
		if err == nil {
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("server never answered: %v", err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), `"status":"ok"`) {
		t.Fatalf("healthz = %s", b)
	}
	cancel()
	select {
	case r := <-done:
		if r.code != 0 || !strings.Contains(r.stderr, "database closed") || !strings.Contains(r.stderr, "public_url=https://events.balk.dk") {
			t.Fatalf("serve: %+v", r)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not stop")
	}
}

// TestEveryStaffRouteAndMethodNeedsASession walks the whole route table and
// every bound service method of the real server.
func TestEveryStaffRouteAndMethodNeedsASession(t *testing.T) {
	dir := t.TempDir()
	cio := cmdIO{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard, getenv: func(string) string { return "" }}
	cio.cat = i18n.MustLoad()
	sys, err := open(context.Background(), cio, config{DataDir: dir, Addr: "127.0.0.1:0", LogLevel: "error"}, "serve")
	if err != nil {
		t.Fatal(err)
	}
	defer sys.close()
	if err := sys.newWeb(nil, true); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(sys.web)
	defer srv.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	staffRoutes := 0
	for _, rt := range sys.web.Routes() {
		if !rt.Staff {
			continue
		}
		staffRoutes++
		path := strings.NewReplacer("{path...}", "index.html", "{service}", "Settings", "{method}", "Get").Replace(rt.Pattern)
		req, _ := http.NewRequest(rt.Method, srv.URL+path, strings.NewReader("[]"))
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		loginRedirect := resp.StatusCode == http.StatusSeeOther && strings.HasPrefix(resp.Header.Get("Location"), "/login")
		if resp.StatusCode != http.StatusUnauthorized && !loginRedirect {
			t.Errorf("%s %s without a session: %d", rt.Method, path, resp.StatusCode)
		}
	}
	methods := sys.web.RPCMethods()
	if staffRoutes < 3 || len(methods) < 6 {
		t.Fatalf("walked %d staff routes and %d methods: the table is not what it should be", staffRoutes, len(methods))
	}
	// Sign in as staff (not admin) to check the role rules too.
	if _, err := sys.deps.Users.AddUser(context.Background(), auth.NewUser{Email: "s@balk.dk", Role: auth.RoleStaff, Password: "long enough pw"}); err != nil {
		t.Fatal(err)
	}
	u, _ := sys.deps.Users.Authenticate(context.Background(), "s@balk.dk", "long enough pw")
	sess, _ := sys.deps.Users.CreateSession(context.Background(), u.ID, "", "")
	adminOnly := map[string]bool{"Settings.Save": true, "System.Backup": true, "System.Backups": true, "Users.List": true, "Users.Add": true,
		"Mail.Settings": true, "Mail.SaveSettings": true, "Mail.GenerateDKIMKey": true, "Mail.SendTest": true, "Mail.Unsuppress": true,
		"Contacts.Erase": true, "Reports.Audit": true, "Reports.RunRetention": true}
	for _, m := range methods {
		url := srv.URL + "/api/rpc/" + strings.Replace(m, ".", "/", 1)
		resp, err := client.Post(url, "application/json", strings.NewReader("[]"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusUnauthorized {
			t.Errorf("%s without a session: %d", m, resp.StatusCode)
		}
		// Try no arguments, then one of each shape, to get past the
		// arity and type checks.
		for _, args := range []string{"[]", "[{}]", `[""]`, "[0]", `[0, ""]`} {
			req, _ := http.NewRequest("POST", url, strings.NewReader(args))
			req.AddCookie(&http.Cookie{Name: "convene_session", Value: sess.Token})
			req.Header.Set("X-CSRF-Token", sess.CSRFToken)
			resp, err = client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusBadRequest {
				break
			}
		}
		if adminOnly[m] && resp.StatusCode != http.StatusForbidden {
			t.Errorf("%s as staff: %d, want 403", m, resp.StatusCode)
		}
		if resp.StatusCode == http.StatusUnauthorized {
			t.Errorf("%s with a session: 401", m)
		}
	}
}

func TestImportCommand(t *testing.T) {
	dir := t.TempDir()
	good := "internal/company/testdata/register-win1252.csv"
	bad := "internal/company/testdata/broken.csv"
	if r := runCLI(t, "", "import", "companies", "--data", dir, "--dry-run", good); r.code != 0 || !strings.Contains(r.stdout, "3 companies new") || !strings.Contains(r.stdout, "dry run") {
		t.Fatalf("dry run: %+v", r)
	}
	if r := runCLI(t, "", "import", "companies", "--data", dir, bad); r.code != 1 || !strings.Contains(r.stdout, "row 3") || !strings.Contains(r.stdout, "column CVR") || !strings.Contains(r.stderr, "nothing was imported") {
		t.Fatalf("broken file: %+v", r)
	}
	if r := runCLI(t, "", "import", "companies", "--data", dir, good); r.code != 0 || !strings.Contains(r.stdout, "imported") {
		t.Fatalf("import: %+v", r)
	}
	if r := runCLI(t, "", "import", "companies", "--data", dir, "main.go"); r.code != 1 {
		t.Fatalf("a Go file imported: %+v", r)
	}
}
