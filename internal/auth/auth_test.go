package auth

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"convene/internal/i18n"
	"convene/internal/store/storetest"
)

func TestPasswordHash(t *testing.T) {
	h, err := HashPassword("correct horse")
	if err != nil || !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash = %q, %v", h, err)
	}
	if ok, _ := CheckPassword(h, "correct horse"); !ok {
		t.Fatal("right password refused")
	}
	if ok, _ := CheckPassword(h, "correct horsE"); ok {
		t.Fatal("wrong password accepted")
	}
	if _, err := CheckPassword("$bcrypt$nope", "x"); err == nil {
		t.Fatal("malformed hash accepted")
	}
	h2, _ := HashPassword("correct horse")
	if h2 == h {
		t.Fatal("two hashes of one password are equal: no salt")
	}
}

func TestUsersAndSessions(t *testing.T) {
	svc := NewService(storetest.New(t))
	ctx := context.Background()
	u, err := svc.AddUser(ctx, NewUser{Email: " Anne@Balk.DK ", Name: "Anne", Role: RoleAdmin, Password: "long enough pw"})
	if err != nil || u.Email != "anne@balk.dk" {
		t.Fatalf("AddUser = %+v, %v", u, err)
	}
	_, err = svc.AddUser(ctx, NewUser{Email: "anne@balk.dk", Role: RoleStaff, Password: "long enough pw"})
	var ue *i18n.Error
	if !errors.As(err, &ue) || ue.Fields["email"].Key != "auth.error.email_taken" {
		t.Fatalf("duplicate = %v", err)
	}
	_, err = svc.AddUser(ctx, NewUser{Email: "x", Role: "boss", Password: "short"})
	if !errors.As(err, &ue) || len(ue.Fields) != 3 {
		t.Fatalf("invalid user = %v", err)
	}
	if _, err := svc.Authenticate(ctx, "anne@balk.dk", "wrong password"); !errors.Is(err, ErrBadCredentials) {
		t.Fatalf("wrong password = %v", err)
	}
	if _, err := svc.Authenticate(ctx, "nobody@balk.dk", "long enough pw"); !errors.Is(err, ErrBadCredentials) {
		t.Fatalf("unknown user = %v", err)
	}
	got, err := svc.Authenticate(ctx, "ANNE@balk.dk", "long enough pw")
	if err != nil || got.ID != u.ID {
		t.Fatalf("Authenticate = %+v, %v", got, err)
	}

	sess, err := svc.CreateSession(ctx, u.ID, "test", "127.0.0.1")
	if err != nil || sess.Token == "" || sess.CSRFToken == "" || sess.Token == sess.CSRFToken {
		t.Fatalf("CreateSession = %+v, %v", sess, err)
	}
	if _, lu, err := svc.Lookup(ctx, sess.Token); err != nil || lu.ID != u.ID {
		t.Fatalf("Lookup = %v", err)
	}
	if _, _, err := svc.Lookup(ctx, sess.Token+"x"); !errors.Is(err, ErrNoSession) {
		t.Fatalf("Lookup of a wrong token = %v", err)
	}
	// Sessions expire.
	svc.now = func() time.Time { return time.Now().UTC().Add(IdleTimeout + time.Minute) }
	if _, _, err := svc.Lookup(ctx, sess.Token); !errors.Is(err, ErrNoSession) {
		t.Fatalf("expired Lookup = %v", err)
	}
	svc.now = func() time.Time { return time.Now().UTC() }
	// A new password signs the user out everywhere.
	sess2, _ := svc.CreateSession(ctx, u.ID, "", "")
	if err := svc.SetPassword(ctx, "anne@balk.dk", "another long pw"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := svc.Lookup(ctx, sess2.Token); !errors.Is(err, ErrNoSession) {
		t.Fatalf("session survived a password change: %v", err)
	}
	if err := svc.SetPassword(ctx, "nobody@balk.dk", "another long pw"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("SetPassword of unknown = %v", err)
	}
	sess3, _ := svc.CreateSession(ctx, u.ID, "", "")
	if err := svc.DeleteSession(ctx, sess3.Token); err != nil {
		t.Fatal(err)
	}
	if _, _, err := svc.Lookup(ctx, sess3.Token); !errors.Is(err, ErrNoSession) {
		t.Fatal("deleted session still works")
	}
}

func TestThrottle(t *testing.T) {
	now := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	th := NewThrottle(3, 10*time.Minute)
	th.now = func() time.Time { return now }
	for i := 0; i < 3; i++ {
		if ok, _ := th.Allow("k"); !ok {
			t.Fatalf("attempt %d refused", i)
		}
		th.Fail("k")
	}
	ok, wait := th.Allow("k")
	if ok || wait != 10*time.Minute {
		t.Fatalf("after 3 failures: ok=%v wait=%v", ok, wait)
	}
	if ok, _ := th.Allow("other"); !ok {
		t.Fatal("another key is throttled")
	}
	now = now.Add(10*time.Minute + time.Second)
	if ok, _ := th.Allow("k"); !ok {
		t.Fatal("still throttled after the window")
	}
	th.Fail("k")
	th.Reset("k")
	if ok, _ := th.Allow("k"); !ok {
		t.Fatal("Reset did not clear")
	}
}

func TestActor(t *testing.T) {
	if err := DesktopActor().RequireAdmin(); err != nil {
		t.Fatal("desktop user is not admin")
	}
	if err := (Actor{Role: RoleStaff}).RequireAdmin(); !errors.Is(err, ErrForbidden) {
		t.Fatal("staff passed RequireAdmin")
	}
	if DesktopActor().Label() != "desktop user" || (Actor{Email: "a@b.dk"}).Label() != "a@b.dk" {
		t.Fatal("labels")
	}
}
