package store

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// TestKilledWriterLosesNothingCommitted runs a child process that commits
// rows as fast as it can and reports each commit, kills it with SIGKILL
// mid-stream, and checks that the database opens, passes its integrity
// check, and holds every row the child saw committed.
func TestKilledWriterLosesNothingCommitted(t *testing.T) {
	if path := os.Getenv("CONVENE_KILL_CHILD_DB"); path != "" {
		killChild(path)
		return
	}
	path := filepath.Join(t.TempDir(), "convene.db")
	s := openAt(t, path, Options{})
	s.Close()
	for round := 0; round < 3; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestKilledWriterLosesNothingCommitted$")
		cmd.Env = append(os.Environ(), "CONVENE_KILL_CHILD_DB="+path)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		acked := 0
		deadline := time.Now().Add(300*time.Millisecond + time.Duration(round)*200*time.Millisecond)
		for sc.Scan() {
			if n, err := strconv.Atoi(sc.Text()); err == nil {
				acked = n
			}
			if acked > 0 && time.Now().After(deadline) {
				break
			}
		}
		cmd.Process.Kill()
		cmd.Wait()
		if acked == 0 {
			t.Fatal("the child committed nothing")
		}
		if err := Verify(path); err != nil {
			t.Fatalf("round %d: database after kill: %v", round, err)
		}
		s := openAt(t, path, Options{})
		var n int
		s.R(context.Background()).Raw("SELECT count(*) FROM settings WHERE key LIKE 'kill-%'").Scan(&n)
		s.Close()
		if n < acked {
			t.Fatalf("round %d: %d rows after the kill, but %d were committed", round, n, acked)
		}
	}
}

func killChild(path string) {
	s, err := Open(context.Background(), path, Options{})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	ctx := context.Background()
	var start int
	s.R(ctx).Raw("SELECT count(*) FROM settings WHERE key LIKE 'kill-%'").Scan(&start)
	for i := start + 1; ; i++ {
		err := s.Tx(ctx, func(ctx context.Context) error {
			return s.W(ctx).Exec("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)",
				fmt.Sprintf("kill-%d", i), "x", time.Now()).Error
		})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println(i)
	}
}

// TestAnotherProcessHoldsLocksAndTheDatabase runs a child process that
// opens the database and takes the "mail" lock, as a running Convene does.
// While it lives, the lock is held and a restore is refused; killed with
// SIGKILL, it leaves neither taken.
func TestAnotherProcessHoldsLocksAndTheDatabase(t *testing.T) {
	if path := os.Getenv("CONVENE_HOLD_CHILD_DB"); path != "" {
		s, err := Open(context.Background(), path, Options{})
		if err == nil {
			_, err = s.TryLock("mail")
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		fmt.Println("holding")
		time.Sleep(time.Minute)
		return
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "convene.db")
	s := openAt(t, path, Options{})
	backup := filepath.Join(dir, "backup.db")
	if _, err := s.Backup(context.Background(), backup); err != nil {
		t.Fatal(err)
	}
	s.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestAnotherProcessHoldsLocksAndTheDatabase$")
	cmd.Env = append(os.Environ(), "CONVENE_HOLD_CHILD_DB="+path)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	sc := bufio.NewScanner(out)
	for sc.Scan() && sc.Text() != "holding" {
	}
	s = openAt(t, path, Options{})
	if _, err := s.TryLock("mail"); !errors.Is(err, ErrHeld) {
		t.Fatalf("the mail lock while another process holds it: %v", err)
	}
	s.Close()
	if err := Restore(backup, path); !errors.Is(err, ErrInUse) {
		t.Fatalf("restore while another process has the database open: %v", err)
	}
	cmd.Process.Kill()
	cmd.Wait()
	if err := Restore(backup, path); err != nil {
		t.Fatalf("restore after the other process died: %v", err)
	}
	s = openAt(t, path, Options{})
	lock, err := s.TryLock("mail")
	if err != nil {
		t.Fatalf("the mail lock after its holder died: %v", err)
	}
	lock.Close()
}
