package mail

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"convene/internal/i18n"
	"convene/internal/store"

	"gorm.io/gorm"
)

// Errors of the outbox.
var (
	ErrNotFound    = i18n.NewError("mail.error.not_found", nil)
	ErrSuppressed  = i18n.NewError("mail.error.suppressed", nil)
	ErrWrongState  = i18n.NewError("mail.error.state", nil)
	errBadTemplate = errors.New("unknown mail template")
)

// Outbox queues, lists and manages messages.
type Outbox struct {
	store    *store.Store
	renderer *Renderer
	now      func() time.Time

	mu      sync.Mutex
	waiters []func()
}

// NewOutbox returns the outbox on st, rendering with r.
func NewOutbox(st *store.Store, r *Renderer) *Outbox {
	return &Outbox{store: st, renderer: r, now: func() time.Time { return time.Now().UTC() }}
}

// OnQueued registers f to run after a transaction that queued mail
// commits; the worker uses it to wake up at once.
func (o *Outbox) OnQueued(f func()) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.waiters = append(o.waiters, f)
}

func (o *Outbox) wake() {
	o.mu.Lock()
	ws := append([]func(){}, o.waiters...)
	o.mu.Unlock()
	for _, f := range ws {
		f()
	}
}

// Enqueue renders a draft and writes it to the outbox in the context's
// transaction, so the mail exists exactly when the change that caused it
// does. It is sent after the commit; with no SMTP configured it is held.
func (o *Outbox) Enqueue(ctx context.Context, d Draft) (Message, error) {
	m, err := o.Prepare(ctx, d)
	if err != nil {
		return Message{}, err
	}
	return m, o.Queue(ctx, &m)
}

// Prepare checks and renders a draft without writing anything, so a busy
// writer can render before it takes the write lock and Queue the result
// inside its transaction.
func (o *Outbox) Prepare(ctx context.Context, d Draft) (Message, error) {
	to := strings.ToLower(strings.TrimSpace(d.ToAddress))
	var v i18n.Validation
	if !validAddress(to) {
		v.Add("toAddress", "error.email", nil)
	}
	if d.ReplyTo != "" && !validAddress(d.ReplyTo) {
		v.Add("replyTo", "error.email", nil)
	}
	if d.Kind != KindService && d.Kind != KindMarketing {
		v.Add("kind", "mail.error.kind", nil)
	}
	for k := range d.Headers {
		if !allowedHeaders[k] {
			v.Add("headers", "mail.error.header", map[string]any{"header": oneLine(k)})
		}
	}
	if err := v.Err(); err != nil {
		return Message{}, err
	}
	cfg, err := loadConfig(ctx, o.store)
	if err != nil {
		return Message{}, err
	}
	out, err := o.renderer.Render(ctx, d.Template, d.Lang, d.Data)
	if err != nil {
		return Message{}, fmt.Errorf("render %s: %w", d.Template, err)
	}
	now := o.now()
	m := Message{
		MessageID: newMessageID(out.Org.Email, now), Kind: d.Kind, State: StateQueued, Template: d.Template,
		Lang: out.Lang, Ref: oneLine(d.Ref), GroupKey: oneLine(d.Group), ReplyTo: d.ReplyTo, ToName: oneLine(d.ToName), ToAddress: to,
		Subject: oneLine(out.Subject), TextBody: out.Text, HTMLBody: out.HTML, Headers: map[string]string{},
		NextAttemptAt: now, CreatedAt: now, UpdatedAt: now,
	}
	for k, val := range d.Headers {
		m.Headers[k] = oneLine(val)
	}
	if !cfg.Configured() {
		m.State, m.HoldReason = StateHeld, HoldSMTP
	}
	m.Calendar, m.CalendarMethod = string(d.Calendar), oneLine(d.CalendarMethod)
	for _, a := range d.Attachments {
		m.Attachments = append(m.Attachments, Attachment{Filename: oneLine(a.Filename), ContentType: oneLine(a.ContentType),
			ContentID: oneLine(a.ContentID), Data: a.Data})
	}
	return m, nil
}

// Queue writes a prepared message in the context's transaction. Marketing
// mail to a suppressed address is refused here, at the moment of writing.
func (o *Outbox) Queue(ctx context.Context, m *Message) error {
	if m.Kind == KindMarketing {
		suppressed, err := o.Suppressed(ctx, m.ToAddress)
		if err != nil {
			return err
		}
		if suppressed {
			return ErrSuppressed
		}
	}
	err := o.store.Tx(ctx, func(ctx context.Context) error {
		return insertMessage(o.store.W(ctx), m)
	})
	if err != nil {
		return fmt.Errorf("queue mail to %s: %w", m.ToAddress, err)
	}
	store.AfterCommit(ctx, o.wake)
	return nil
}

// newMessageID makes a globally unique Message-ID in the organiser's domain.
func newMessageID(orgEmail string, now time.Time) string {
	b := make([]byte, 10)
	_, _ = rand.Read(b)
	return fmt.Sprintf("<%d.%s@%s>", now.UnixMilli(), hex.EncodeToString(b), domainOf(orgEmail))
}

// Query filters the outbox list.
type Query struct {
	State    State  `json:"state"`
	Kind     Kind   `json:"kind"`
	Search   string `json:"search"`
	Page     int    `json:"page"`
	PageSize int    `json:"pageSize"`
}

// Summary is one line of the outbox list.
type Summary struct {
	ID            int64      `json:"id"`
	Kind          Kind       `json:"kind"`
	State         State      `json:"state"`
	Template      string     `json:"template"`
	ToName        string     `json:"toName"`
	ToAddress     string     `json:"toAddress"`
	Subject       string     `json:"subject"`
	Attempts      int        `json:"attempts"`
	NextAttemptAt time.Time  `json:"nextAttemptAt"`
	LastReply     string     `json:"lastReply"`
	CreatedAt     time.Time  `json:"createdAt"`
	SentAt        *time.Time `json:"sentAt"`
}

// Page is one page of the outbox list.
type Page struct {
	Items []Summary `json:"items"`
	Total int64     `json:"total"`
}

// List returns a page of messages, newest first.
func (o *Outbox) List(ctx context.Context, q Query) (Page, error) {
	if q.PageSize <= 0 || q.PageSize > 200 {
		q.PageSize = 50
	}
	if q.Page < 1 {
		q.Page = 1
	}
	db := o.store.R(ctx).Model(&Message{})
	if q.State != "" {
		db = db.Where("state = ?", q.State)
	}
	if q.Kind != "" {
		db = db.Where("kind = ?", q.Kind)
	}
	if s := strings.TrimSpace(q.Search); s != "" {
		like := "%" + strings.NewReplacer(`\`, `\\`, "%", `\%`, "_", `\_`).Replace(strings.ToLower(s)) + "%"
		db = db.Where(`(to_address LIKE ? ESCAPE '\' OR lower(to_name) LIKE ? ESCAPE '\' OR lower(subject) LIKE ? ESCAPE '\')`, like, like, like)
	}
	page := Page{Items: []Summary{}}
	if err := db.Count(&page.Total).Error; err != nil {
		return Page{}, fmt.Errorf("count outbox: %w", err)
	}
	err := db.Order("id DESC").Limit(q.PageSize).Offset((q.Page - 1) * q.PageSize).Find(&page.Items).Error
	if err != nil {
		return Page{}, fmt.Errorf("list outbox: %w", err)
	}
	return page, nil
}

// Get returns one message with its attachments' names and sizes.
func (o *Outbox) Get(ctx context.Context, id int64) (Message, error) {
	var m Message
	err := o.store.R(ctx).Take(&m, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Message{}, ErrNotFound
	}
	if err == nil {
		one := []Message{m}
		err = loadContents(o.store.R(ctx), one)
		m = one[0]
	}
	if err != nil {
		return Message{}, fmt.Errorf("load mail %d: %w", id, err)
	}
	m.Attachments = []Attachment{}
	err = o.store.R(ctx).Model(&Attachment{}).Select("id, message_id, filename, content_type, content_id, length(data) AS size").
		Where("message_id = ?", id).Order("id").Scan(&m.Attachments).Error
	if err != nil {
		return Message{}, fmt.Errorf("load attachments of mail %d: %w", id, err)
	}
	return m, nil
}

// Attachment returns one attachment with its data.
func (o *Outbox) Attachment(ctx context.Context, id int64) (Attachment, error) {
	var a Attachment
	err := o.store.R(ctx).Take(&a, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Attachment{}, ErrNotFound
	}
	if err != nil {
		return Attachment{}, err
	}
	return a.materialize()
}

// Counts is how many messages are in each state.
type Counts struct {
	Queued    int64 `json:"queued"`
	Sending   int64 `json:"sending"`
	Sent      int64 `json:"sent"`
	Failed    int64 `json:"failed"`
	Held      int64 `json:"held"`
	Cancelled int64 `json:"cancelled"`
	// SMTPConfigured says whether held mail is waiting for a server.
	SMTPConfigured bool `json:"smtpConfigured"`
}

// Of returns the count of one state.
func (c Counts) Of(s State) int64 {
	return map[State]int64{StateQueued: c.Queued, StateSending: c.Sending, StateSent: c.Sent,
		StateFailed: c.Failed, StateHeld: c.Held, StateCancelled: c.Cancelled}[s]
}

// Counts returns how many messages are in each state.
func (o *Outbox) Counts(ctx context.Context) (Counts, error) {
	c, err := countStates(o.store.R(ctx).Model(&Message{}))
	if err != nil {
		return Counts{}, fmt.Errorf("count outbox: %w", err)
	}
	cfg, err := loadConfig(ctx, o.store)
	if err != nil {
		return Counts{}, err
	}
	c.SMTPConfigured = cfg.Configured()
	return c, nil
}

// countStates counts the messages of q by state.
func countStates(q *gorm.DB) (Counts, error) {
	var rows []struct {
		State State
		N     int64
	}
	if err := q.Select("state, count(*) AS n").Group("state").Scan(&rows).Error; err != nil {
		return Counts{}, err
	}
	var c Counts
	for _, r := range rows {
		switch r.State {
		case StateQueued:
			c.Queued = r.N
		case StateSending:
			c.Sending = r.N
		case StateSent:
			c.Sent = r.N
		case StateFailed:
			c.Failed = r.N
		case StateHeld:
			c.Held = r.N
		case StateCancelled:
			c.Cancelled = r.N
		}
	}
	return c, nil
}

// Retry queues a failed, held or cancelled message again, with a fresh
// count of attempts.
func (o *Outbox) Retry(ctx context.Context, id int64) (Message, error) {
	return o.transition(ctx, id, []State{StateFailed, StateHeld, StateCancelled}, map[string]any{
		"state": StateQueued, "attempts": 0, "next_attempt_at": o.now(), "updated_at": o.now(),
	})
}

// Cancel withdraws a message that has not been sent.
func (o *Outbox) Cancel(ctx context.Context, id int64) (Message, error) {
	return o.transition(ctx, id, []State{StateQueued, StateHeld, StateFailed}, map[string]any{
		"state": StateCancelled, "updated_at": o.now(),
	})
}

func (o *Outbox) transition(ctx context.Context, id int64, from []State, set map[string]any) (Message, error) {
	res := o.store.W(ctx).Model(&Message{}).Where("id = ? AND state IN ?", id, from).Updates(set)
	if res.Error != nil {
		return Message{}, fmt.Errorf("update mail %d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		if _, err := o.Get(ctx, id); err != nil {
			return Message{}, err
		}
		return Message{}, ErrWrongState
	}
	if set["state"] == StateQueued {
		store.AfterCommit(ctx, o.wake)
	}
	return o.Get(ctx, id)
}

// The reasons a message is held.
const (
	HoldSMTP   = "smtp"
	HoldPaused = "paused"
)

// ReleaseHeld queues every message held for want of SMTP; called when
// SMTP is configured. Paused mailings stay paused.
func (o *Outbox) ReleaseHeld(ctx context.Context) (int64, error) {
	now := o.now()
	res := o.store.W(ctx).Model(&Message{}).Where("state = ? AND hold_reason <> ?", StateHeld, HoldPaused).
		Updates(map[string]any{"state": StateQueued, "next_attempt_at": now, "updated_at": now})
	if res.Error == nil && res.RowsAffected > 0 {
		store.AfterCommit(ctx, o.wake)
	}
	return res.RowsAffected, res.Error
}

// holdQueued holds every queued message while no SMTP is configured.
func (o *Outbox) holdQueued(ctx context.Context) (int64, error) {
	res := o.store.W(ctx).Model(&Message{}).Where("state = ?", StateQueued).
		Updates(map[string]any{"state": StateHeld, "hold_reason": HoldSMTP, "updated_at": o.now()})
	return res.RowsAffected, res.Error
}

// PauseGroup holds the queued mails of a group; mails already handed to
// a worker still go.
func (o *Outbox) PauseGroup(ctx context.Context, group string) (int64, error) {
	res := o.store.W(ctx).Model(&Message{}).Where("group_key = ? AND state = ?", group, StateQueued).
		Updates(map[string]any{"state": StateHeld, "hold_reason": HoldPaused, "updated_at": o.now()})
	return res.RowsAffected, res.Error
}

// ResumeGroup queues a paused group again (or holds it for SMTP, if none
// is set up).
func (o *Outbox) ResumeGroup(ctx context.Context, group string) (int64, error) {
	cfg, err := loadConfig(ctx, o.store)
	if err != nil {
		return 0, err
	}
	now := o.now()
	set := map[string]any{"state": StateQueued, "hold_reason": "", "next_attempt_at": now, "updated_at": now}
	if !cfg.Configured() {
		set = map[string]any{"state": StateHeld, "hold_reason": HoldSMTP, "updated_at": now}
	}
	res := o.store.W(ctx).Model(&Message{}).Where("group_key = ? AND state = ? AND hold_reason = ?", group, StateHeld, HoldPaused).Updates(set)
	if res.Error == nil && res.RowsAffected > 0 {
		store.AfterCommit(ctx, o.wake)
	}
	return res.RowsAffected, res.Error
}

// CancelGroup withdraws every mail of a group not yet handed to a worker.
func (o *Outbox) CancelGroup(ctx context.Context, group string) (int64, error) {
	res := o.store.W(ctx).Model(&Message{}).Where("group_key = ? AND state IN ?", group, []State{StateQueued, StateHeld}).
		Updates(map[string]any{"state": StateCancelled, "updated_at": o.now()})
	return res.RowsAffected, res.Error
}

// GroupCounts counts a group's mails by state.
func (o *Outbox) GroupCounts(ctx context.Context, group string) (Counts, error) {
	return countStates(o.store.R(ctx).Model(&Message{}).Where("group_key = ?", group))
}
