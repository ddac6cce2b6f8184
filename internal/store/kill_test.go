package store

import (
	"bufio"
	"context"
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
