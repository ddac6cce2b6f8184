// Package mailtest runs a real SMTP server in the test process (go-smtp)
// that records what it receives and can answer with chosen errors or drop
// the connection, for the mail tests and the mail benchmark.
package mailtest

import (
	"bytes"
	"errors"
	"io"
	"log"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// ErrDrop, returned by a hook, makes the server close the connection
// without answering.
var ErrDrop = errors.New("drop the connection")

// Reply makes an SMTP error reply such as 451 4.3.0 or 550 5.1.1.
func Reply(code int, enhanced [3]int, msg string) error {
	return &smtp.SMTPError{Code: code, EnhancedCode: smtp.EnhancedCode(enhanced), Message: msg}
}

// Received is one accepted message.
type Received struct {
	From string
	To   []string
	Data []byte
}

// Server is an in-process SMTP server.
type Server struct {
	Host string
	Port int

	// Hooks may reject a command with Reply or drop the connection with
	// ErrDrop; nil accepts. They run on the server's goroutines.
	OnMail func(from string) error
	OnRcpt func(to string) error
	OnData func(to []string, data []byte) error
	// Username and Password, when set, are required (AUTH PLAIN).
	Username string
	Password string
	// Discard keeps only a count, for benchmarks.
	Discard bool

	srv         *smtp.Server
	mu          sync.Mutex
	received    []Received
	count       atomic.Int64
	connections atomic.Int64
	notify      chan struct{}
}

// Start listens on a free loopback port.
func Start(configure func(*Server)) (*Server, error) {
	s := &Server{notify: make(chan struct{}, 1)}
	if configure != nil {
		configure(s)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s.Host = "127.0.0.1"
	s.Port = ln.Addr().(*net.TCPAddr).Port
	s.srv = smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		s.connections.Add(1)
		return &session{s: s, c: c}, nil
	}))
	s.srv.Domain = "mailtest.local"
	s.srv.ErrorLog = log.New(io.Discard, "", 0)
	s.srv.AllowInsecureAuth = true
	s.srv.ReadTimeout = 30 * time.Second
	s.srv.WriteTimeout = 30 * time.Second
	s.srv.MaxMessageBytes = 32 << 20
	s.srv.MaxRecipients = 100
	go func() { _ = s.srv.Serve(ln) }()
	return s, nil
}

// Addr is host:port.
func (s *Server) Addr() string { return net.JoinHostPort(s.Host, strconv.Itoa(s.Port)) }

// Close stops the server.
func (s *Server) Close() error { return s.srv.Close() }

// Messages returns what was accepted so far.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Received(nil), s.received...)
}

// Count is how many messages were accepted.
func (s *Server) Count() int { return int(s.count.Load()) }

// Connections is how many connections were opened.
func (s *Server) Connections() int { return int(s.connections.Load()) }

// WaitFor waits until n messages were accepted, or the timeout.
func (s *Server) WaitFor(n int, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for s.Count() < n {
		if time.Now().After(deadline) {
			return false
		}
		select {
		case <-s.notify:
		case <-time.After(10 * time.Millisecond):
		}
	}
	return true
}

type session struct {
	s    *Server
	c    *smtp.Conn
	from string
	to   []string
}

func (ss *session) hook(err error) error {
	if errors.Is(err, ErrDrop) {
		_ = ss.c.Conn().Close()
	}
	return err
}

func (ss *session) AuthMechanisms() []string {
	if ss.s.Username == "" {
		return nil
	}
	return []string{sasl.Plain}
}

func (ss *session) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if username != ss.s.Username || password != ss.s.Password {
			return &smtp.SMTPError{Code: 535, EnhancedCode: smtp.EnhancedCode{5, 7, 8}, Message: "authentication failed"}
		}
		return nil
	}), nil
}

func (ss *session) Mail(from string, _ *smtp.MailOptions) error {
	if ss.s.OnMail != nil {
		if err := ss.s.OnMail(from); err != nil {
			return ss.hook(err)
		}
	}
	ss.from = from
	return nil
}

func (ss *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	if ss.s.OnRcpt != nil {
		if err := ss.s.OnRcpt(to); err != nil {
			return ss.hook(err)
		}
	}
	ss.to = append(ss.to, to)
	return nil
}

func (ss *session) Data(r io.Reader) error {
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, r); err != nil {
		return err
	}
	if ss.s.OnData != nil {
		if err := ss.s.OnData(ss.to, buf.Bytes()); err != nil {
			return ss.hook(err)
		}
	}
	if !ss.s.Discard {
		ss.s.mu.Lock()
		ss.s.received = append(ss.s.received, Received{From: ss.from, To: append([]string(nil), ss.to...), Data: buf.Bytes()})
		ss.s.mu.Unlock()
	}
	ss.s.count.Add(1)
	select {
	case ss.s.notify <- struct{}{}:
	default:
	}
	return nil
}

func (ss *session) Reset() { ss.from, ss.to = "", nil }

func (ss *session) Logout() error { return nil }
