// Command smtpsink is a real SMTP server for the end-to-end tests: it
// accepts every message (no TLS; any AUTH PLAIN is accepted),
// writes each one as a .eml file into a folder, and optionally lists what it
// received as JSON over HTTP, decoded (headers, text and HTML parts), so a
// browser test can read the mail without a MIME parser of its own.
//
//	smtpsink -addr 127.0.0.1:2525 -dir /tmp/mail -http 127.0.0.1:2526 -exit-with-parent
//
// GET /messages on the HTTP address returns every message received so far,
// oldest first. With -exit-with-parent the sink stops when the process that
// started it ends, so a test server started with `exec` takes it down too.
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	"net/http"
	"net/mail"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:2525", "SMTP listen address")
	dir := flag.String("dir", "", "folder for the received messages (.eml); required")
	httpAddr := flag.String("http", "", "HTTP listen address for GET /messages; empty: none")
	withParent := flag.Bool("exit-with-parent", false, "exit when the parent process ends")
	flag.Parse()
	if *dir == "" {
		fmt.Fprintln(os.Stderr, "smtpsink: -dir is required")
		os.Exit(2)
	}
	if err := run(*addr, *dir, *httpAddr, *withParent); err != nil {
		fmt.Fprintln(os.Stderr, "smtpsink:", err)
		os.Exit(1)
	}
}

func run(addr, dir, httpAddr string, withParent bool) error {
	parent := os.Getppid()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	sink := &sink{dir: dir}
	srv := smtp.NewServer(smtp.BackendFunc(func(*smtp.Conn) (smtp.Session, error) {
		return &session{sink: sink}, nil
	}))
	srv.Domain = "smtpsink.local"
	srv.AllowInsecureAuth = true
	srv.EnableSMTPUTF8 = true
	srv.ReadTimeout = 60 * time.Second
	srv.WriteTimeout = 60 * time.Second
	srv.MaxMessageBytes = 32 << 20
	srv.MaxRecipients = 1000
	srv.ErrorLog = log.New(os.Stderr, "smtpsink: ", 0)

	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	errc := make(chan error, 2)
	go func() { errc <- srv.Serve(ln) }()
	if httpAddr != "" {
		hln, err := net.Listen("tcp", httpAddr)
		if err != nil {
			_ = srv.Close()
			return err
		}
		mux := http.NewServeMux()
		mux.HandleFunc("GET /messages", sink.serveMessages)
		go func() { errc <- (&http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}).Serve(hln) }()
	}

	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGINT, syscall.SIGTERM)
	var orphaned <-chan time.Time
	tick := time.NewTicker(250 * time.Millisecond)
	defer tick.Stop()
	if withParent {
		orphaned = tick.C
	}
	for {
		select {
		case err := <-errc:
			_ = srv.Close()
			return err
		case <-stop:
			return srv.Close()
		case <-orphaned:
			// Re-parenting (to init or a subreaper) means the parent is gone.
			if os.Getppid() != parent {
				return srv.Close()
			}
		}
	}
}

// sink stores the messages as numbered .eml files.
type sink struct {
	dir string
	mu  sync.Mutex
	n   int
}

// envelope is kept beside each message, as the SMTP envelope is not part
// of the .eml file.
type envelope struct {
	From string   `json:"from"`
	To   []string `json:"to"`
}

func (s *sink) store(env envelope, data []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.n++
	base := filepath.Join(s.dir, fmt.Sprintf("%04d", s.n))
	meta, err := json.Marshal(env)
	if err != nil {
		return err
	}
	// The envelope first, so a reader that sees the .eml also finds it.
	if err := writeFile(base+".envelope.json", meta); err != nil {
		return err
	}
	return writeFile(base+".eml", data)
}

// writeFile writes atomically: a reader never sees half a message.
func writeFile(name string, data []byte) error {
	tmp := name + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}

// message is one received mail as GET /messages shows it.
type message struct {
	File         string   `json:"file"`
	EnvelopeFrom string   `json:"envelopeFrom"`
	EnvelopeTo   []string `json:"envelopeTo"`
	From         string   `json:"from"`
	To           string   `json:"to"`
	Subject      string   `json:"subject"`
	Text         string   `json:"text"`
	HTML         string   `json:"html"`
	Error        string   `json:"error,omitempty"`
}

func (s *sink) serveMessages(w http.ResponseWriter, _ *http.Request) {
	files, err := filepath.Glob(filepath.Join(s.dir, "*.eml"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	list := []message{}
	for _, f := range files { // Glob sorts, and the names are zero-padded.
		list = append(list, readMessage(f))
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(list)
}

func readMessage(file string) message {
	m := message{File: filepath.Base(file)}
	if b, err := os.ReadFile(strings.TrimSuffix(file, ".eml") + ".envelope.json"); err == nil {
		var env envelope
		if json.Unmarshal(b, &env) == nil {
			m.EnvelopeFrom, m.EnvelopeTo = env.From, env.To
		}
	}
	data, err := os.ReadFile(file)
	if err != nil {
		m.Error = err.Error()
		return m
	}
	msg, err := mail.ReadMessage(bytes.NewReader(data))
	if err != nil {
		m.Error = err.Error()
		return m
	}
	dec := new(mime.WordDecoder)
	header := func(k string) string {
		v := msg.Header.Get(k)
		if d, err := dec.DecodeHeader(v); err == nil {
			return d
		}
		return v
	}
	m.From, m.To, m.Subject = header("From"), header("To"), header("Subject")
	if err := m.walk(msg.Header.Get("Content-Type"), msg.Header.Get("Content-Transfer-Encoding"), msg.Body); err != nil {
		m.Error = err.Error()
	}
	return m
}

// walk collects the text and HTML parts of a (possibly multipart) body.
func (m *message) walk(contentType, encoding string, body io.Reader) error {
	if contentType == "" {
		contentType = "text/plain"
	}
	media, params, err := mime.ParseMediaType(contentType)
	if err != nil {
		return err
	}
	if strings.HasPrefix(media, "multipart/") {
		mr := multipart.NewReader(body, params["boundary"])
		for {
			// NextPart undoes quoted-printable itself; base64 is left to walk.
			p, err := mr.NextPart()
			if errors.Is(err, io.EOF) {
				return nil
			}
			if err != nil {
				return err
			}
			if err := m.walk(p.Header.Get("Content-Type"), p.Header.Get("Content-Transfer-Encoding"), p); err != nil {
				return err
			}
		}
	}
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "base64":
		body = base64.NewDecoder(base64.StdEncoding, &newlineStripper{r: body})
	case "quoted-printable":
		body = quotedprintable.NewReader(body)
	}
	b, err := io.ReadAll(body)
	if err != nil {
		return err
	}
	switch media {
	case "text/plain":
		m.Text += string(b)
	case "text/html":
		m.HTML += string(b)
	}
	return nil
}

// newlineStripper drops CR and LF, which base64 bodies carry every 76 characters.
type newlineStripper struct{ r io.Reader }

func (n *newlineStripper) Read(p []byte) (int, error) {
	for {
		k, err := n.r.Read(p)
		j := 0
		for _, c := range p[:k] {
			if c != '\r' && c != '\n' {
				p[j] = c
				j++
			}
		}
		if j > 0 || err != nil {
			return j, err
		}
	}
}

type session struct {
	sink *sink
	env  envelope
}

func (s *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (s *session) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(string, string, string) error { return nil }), nil
}

func (s *session) Mail(from string, _ *smtp.MailOptions) error {
	s.env.From = from
	return nil
}

func (s *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	s.env.To = append(s.env.To, to)
	return nil
}

func (s *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	if err := s.sink.store(s.env, data); err != nil {
		return &smtp.SMTPError{Code: 451, EnhancedCode: smtp.EnhancedCode{4, 3, 0}, Message: "cannot store the message"}
	}
	return nil
}

func (s *session) Reset() { s.env = envelope{} }

func (s *session) Logout() error { return nil }
