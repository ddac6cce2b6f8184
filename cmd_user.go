package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"

	"convene/internal/auth"

	"golang.org/x/term"
)

func cmdUser(ctx context.Context, cio cmdIO, args []string) error {
	if len(args) == 0 || isHelp(args[0]) {
		fmt.Fprintln(cio.stdout, "Usage: convene user add|passwd|list [flags]\n\n"+
			"  add     create a staff account (--email, --role admin|staff, --name); the password is read from standard input\n"+
			"  passwd  set a user's password (--email); signs them out everywhere\n"+
			"  list    list the accounts")
		if len(args) == 0 {
			return errUsage
		}
		return nil
	}
	sub, args := args[0], args[1:]
	var cfg config
	fs := newFlags(cio, "user "+sub, "", &cfg)
	email := fs.String("email", "", "the user's e-mail address")
	name := fs.String("name", "", "the user's name (add)")
	role := fs.String("role", "staff", "admin or staff (add)")
	if err := parse(fs, args, &cfg); err != nil {
		return err
	}
	if sub != "list" && sub != "add" && sub != "passwd" {
		fmt.Fprintf(cio.stderr, "convene: unknown user command %q (add, passwd, list)\n", sub)
		return errUsage
	}
	if sub != "list" && *email == "" {
		fmt.Fprintln(cio.stderr, "convene: --email is required")
		return errUsage
	}
	sys, err := open(ctx, cio, cfg, "tool")
	if err != nil {
		return err
	}
	defer sys.store.Close()
	users := sys.deps.Users
	switch sub {
	case "list":
		list, err := users.ListUsers(ctx)
		if err != nil {
			return err
		}
		tw := tabwriter.NewWriter(cio.stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "EMAIL\tNAME\tROLE\tCREATED")
		for _, u := range list {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", u.Email, u.Name, u.Role, u.CreatedAt.Format("2006-01-02"))
		}
		return tw.Flush()
	case "add":
		pw, err := readPassword(cio)
		if err != nil {
			return err
		}
		u, err := users.AddUser(ctx, auth.NewUser{Email: *email, Name: *name, Role: auth.Role(*role), Password: pw})
		if err != nil {
			return err
		}
		fmt.Fprintf(cio.stdout, "added %s (%s)\n", u.Email, u.Role)
	case "passwd":
		pw, err := readPassword(cio)
		if err != nil {
			return err
		}
		if err := users.SetPassword(ctx, *email, pw); err != nil {
			return err
		}
		fmt.Fprintf(cio.stdout, "password of %s changed\n", *email)
	}
	return nil
}

// readPassword prompts twice on a terminal, and otherwise reads the first
// line of standard input, so scripts can pipe a password in.
func readPassword(cio cmdIO) (string, error) {
	if f, ok := cio.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprint(cio.stderr, "Password: ")
		a, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(cio.stderr)
		if err != nil {
			return "", err
		}
		fmt.Fprint(cio.stderr, "Repeat password: ")
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(cio.stderr)
		if err != nil {
			return "", err
		}
		if string(a) != string(b) {
			return "", errors.New("the passwords differ")
		}
		return string(a), nil
	}
	line, err := bufio.NewReader(cio.stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", errors.New("no password on standard input")
	}
	return line, nil
}
