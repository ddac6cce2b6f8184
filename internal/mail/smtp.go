package mail

import (
	"context"
	"errors"
	"fmt"
	"net/textproto"
	"regexp"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
	gomaillog "github.com/wneessen/go-mail/log"
)

// dial opens an SMTP connection with cfg; logger, when not nil, receives
// the whole SMTP conversation (without credentials).
func dial(ctx context.Context, cfg Config, logger gomaillog.Logger) (*gomail.Client, error) {
	if !cfg.Configured() {
		return nil, errNotConfigured
	}
	opts := []gomail.Option{gomail.WithPort(cfg.Port), gomail.WithTimeout(30 * time.Second)}
	switch cfg.TLS {
	case TLSStartTLS:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	case TLSOpportunistic:
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSOpportunistic))
	case TLSImplicit:
		opts = append(opts, gomail.WithSSL())
	case TLSNone:
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	}
	if cfg.Username != "" {
		auth := gomail.SMTPAuthAutoDiscover
		if cfg.TLS == TLSNone {
			// go-mail refuses PLAIN on an unencrypted connection unless told;
			// staff chose "none" for a relay on the local network.
			auth = gomail.SMTPAuthPlainNoEnc
		}
		opts = append(opts, gomail.WithSMTPAuth(auth), gomail.WithUsername(cfg.Username), gomail.WithPassword(cfg.Password))
	}
	if signer, err := newSigner(cfg); err != nil {
		return nil, fmt.Errorf("dkim: %w", err)
	} else if signer != nil {
		opts = append(opts, gomail.WithAlwaysDKIMSign(signer))
	}
	if logger != nil {
		opts = append(opts, gomail.WithDebugLog(), gomail.WithLogger(logger))
	}
	c, err := gomail.NewClient(cfg.Host, opts...)
	if err != nil {
		return nil, err
	}
	if err := c.DialWithContext(ctx); err != nil {
		return nil, err
	}
	return c, nil
}

// outcome is what a send attempt means for the message.
type outcome int

const (
	accepted  outcome = iota
	temporary         // 4xx: try again later
	permanent         // 5xx: give up
	connLost          // no answer: reconnect, try again
)

// classify reads go-mail's per-message error. A 5xx to RCPT or DATA means
// the address or the message is refused for good, and the address is
// suppressed for marketing; a 5xx to MAIL FROM is about our sender, not
// the recipient, so the message fails without suppressing anyone.
func classify(err error) (o outcome, code int, suppress bool, reply string) {
	if err == nil {
		return accepted, 250, false, "250 accepted"
	}
	reply = serverReply(err)
	var se *gomail.SendError
	if !errors.As(err, &se) {
		return connLost, 0, false, reply
	}
	code = se.ErrorCode()
	switch {
	case se.Reason == gomail.ErrConnCheck || code == 0:
		return connLost, code, false, reply
	case code >= 500:
		rcpt := se.Reason == gomail.ErrSMTPRcptTo || se.Reason == gomail.ErrSMTPData || se.Reason == gomail.ErrSMTPDataClose
		return permanent, code, rcpt, reply
	case code >= 400 || se.IsTemp():
		return temporary, code, false, reply
	}
	return permanent, code, false, reply
}

var replyCode = regexp.MustCompile(`\b[2-5]\d\d\b`)

// serverReply is the SMTP server's own answer inside a go-mail error, such
// as "550 5.1.1 no such user", without go-mail's wording around it; the
// error itself when it holds no answer.
func serverReply(err error) string {
	s := err.Error()
	var tp *textproto.Error
	if errors.As(err, &tp) {
		return oneLine(fmt.Sprintf("%d %s", tp.Code, tp.Msg))
	}
	// go-mail's SendError keeps its causes private; its text reads
	// "sending SMTP RCPT TO command: 550 \"5.1.1 no such user\", affected ...".
	for _, cut := range []string{", affected recipient(s):", ", affected message ID:"} {
		if k := strings.Index(s, cut); k >= 0 {
			s = s[:k]
		}
	}
	if loc := replyCode.FindStringIndex(s); loc != nil && strings.Contains(s[:loc[0]], ":") {
		return oneLine(strings.ReplaceAll(s[loc[0]:], `"`, ""))
	}
	return oneLine(s)
}

// acceptedReply is the server's answer to the end of DATA, e.g.
// "250 2.0.0 Ok: queued as 4Xk9".
func acceptedReply(msg *gomail.Msg) string {
	if r := oneLine(msg.ServerResponse()); r != "" {
		return "250 " + r
	}
	return "250 accepted"
}

// transcript collects go-mail's debug log: the SMTP conversation.
type transcript struct {
	lines []string
}

func (t *transcript) add(l gomaillog.Log) {
	prefix := "C: "
	if l.Direction == gomaillog.DirServerToClient {
		prefix = "S: "
	}
	for _, line := range strings.Split(strings.TrimRight(fmt.Sprintf(l.Format, l.Messages...), "\r\n"), "\n") {
		t.lines = append(t.lines, prefix+strings.TrimRight(line, "\r"))
	}
}

func (t *transcript) Debugf(l gomaillog.Log) { t.add(l) }
func (t *transcript) Infof(l gomaillog.Log)  { t.add(l) }
func (t *transcript) Warnf(l gomaillog.Log)  { t.add(l) }
func (t *transcript) Errorf(l gomaillog.Log) { t.add(l) }

// afterData inserts lines after the server's 354 answer to DATA.
func (t *transcript) afterData(lines ...string) {
	for i := len(t.lines) - 1; i >= 0; i-- {
		if strings.HasPrefix(t.lines[i], "S: 354") {
			t.lines = append(t.lines[:i+1], append(lines, t.lines[i+1:]...)...)
			return
		}
	}
	t.lines = append(t.lines, lines...)
}

// lastReply is the server's last answer in the conversation.
func (t *transcript) lastReply() string {
	for i := len(t.lines) - 1; i >= 0; i-- {
		if strings.HasPrefix(t.lines[i], "S: ") {
			return strings.TrimPrefix(t.lines[i], "S: ")
		}
	}
	return ""
}
