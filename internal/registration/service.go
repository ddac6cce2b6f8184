package registration

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"convene/internal/audit"
	"convene/internal/event"
	"convene/internal/i18n"
	"convene/internal/store"

	"gorm.io/gorm"
)

// Errors of registration.
var (
	ErrNotFound        = i18n.NewError("registration.error.not_found", nil)
	ErrClosed          = i18n.NewError("registration.error.closed", nil)
	ErrNotOpenYet      = i18n.NewError("registration.error.not_open", nil)
	ErrFull            = i18n.NewError("registration.error.full", nil)
	ErrCancelled       = i18n.NewError("registration.error.event_cancelled", nil)
	ErrInviteOnly      = i18n.NewError("registration.error.invite_only", nil)
	ErrNoSeatsToAdd    = i18n.NewError("registration.error.no_seats_to_add", nil)
	ErrNotWaitlisted   = i18n.NewError("registration.error.not_waitlisted", nil)
	ErrRegistrationOff = i18n.NewError("registration.error.registration_cancelled", nil)
	errStopped         = errors.New("registration service stopped")
)

// ConsentRecorder records the marketing consent given on the form.
type ConsentRecorder interface {
	RecordConsent(ctx context.Context, name, email string, companyID *int64, source, wording string) error
}

// Invitations checks the personal invitation links that open invite-only
// events. Invitations themselves belong to campaigns; this is their hook.
type Invitations interface {
	// Valid reports whether token invites someone to the event.
	Valid(ctx context.Context, eventID int64, token string) (bool, error)
}

// ConsentWording is the version of the consent text on the public form;
// change it whenever the text changes.
const ConsentWording = "tilmelding-v1"

// Service takes and keeps registrations.
type Service struct {
	store       *store.Store
	events      *event.Service
	notifier    Notifier
	consents    ConsentRecorder
	invitations Invitations
	now         func() time.Time

	once  sync.Once
	batch *batcher
	// preparing bounds how many registrations render their mail at once.
	// In a rush hundreds of requests would otherwise share the CPU with
	// the one committer goroutine and starve it; queued here they wait
	// without running.
	preparing chan struct{}
}

// NewService returns the registration service; notifier and consents may
// be nil. It listens to the events service for changes that registrants
// are told about.
func NewService(st *store.Store, events *event.Service, notifier Notifier, consents ConsentRecorder) *Service {
	s := &Service{store: st, events: events, notifier: notifier, consents: consents, now: func() time.Time { return time.Now().UTC() },
		preparing: make(chan struct{}, runtime.GOMAXPROCS(0))}
	events.SetListener(s)
	return s
}

// SetInvitations sets who checks invitation links; without it invite-only
// events take no registrations from the public site.
func (s *Service) SetInvitations(inv Invitations) { s.invitations = inv }

// Close stops the group committer after the registrations it holds are
// written.
func (s *Service) Close() {
	if s.batch != nil {
		s.batch.stop()
	}
}

// newToken is the personal link's secret: 128 random bits.
func newToken() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// CheckOpen reports why an event does not take registrations now, or nil.
func (s *Service) CheckOpen(e event.Event) error {
	now := s.now()
	switch {
	case e.Status == event.StatusCancelled:
		return ErrCancelled
	case e.Status != event.StatusPublished:
		return ErrClosed
	case e.RegistrationOpensAt != nil && now.Before(*e.RegistrationOpensAt):
		return ErrNotOpenYet
	case e.RegistrationDeadline != nil && !now.Before(*e.RegistrationDeadline):
		return ErrClosed
	case !now.Before(e.StartsAt):
		return ErrClosed
	}
	return nil
}

// CheckInvitation reports whether an invite-only event may be opened with
// token; public events need none.
func (s *Service) CheckInvitation(ctx context.Context, e event.Event, token string) error {
	if e.Visibility != "invite" {
		return nil
	}
	if s.invitations == nil || token == "" {
		return ErrInviteOnly
	}
	ok, err := s.invitations.Valid(ctx, e.ID, token)
	if err != nil {
		return err
	}
	if !ok {
		return ErrInviteOnly
	}
	return nil
}

// Register takes a registration for the event req names; see RegisterAt.
func (s *Service) Register(ctx context.Context, req Request) (Registration, bool, error) {
	e, err := s.events.Get(ctx, req.EventID)
	if err != nil {
		return Registration{}, false, err
	}
	return s.RegisterAt(ctx, e, req)
}

// RegisterAt takes a registration for e, as just loaded by the caller.
// Seats are taken by one conditional UPDATE of the event's counter inside
// the transaction, so confirmed seats never exceed capacity however many
// requests race; a full event puts the company on its waitlist when it has
// one. A second submit with an attendee already registered returns the
// existing registration (existing is true) instead of a new one.
//
// The form is checked and its mail rendered before the write; the write
// itself joins a group commit with the registrations arriving at the same
// moment (see batcher). A waitlisted registration's Position is left for
// ByToken and Get to tell: counting the queue is work a rush can skip.
func (s *Service) RegisterAt(ctx context.Context, e event.Event, req Request) (reg Registration, existing bool, err error) {
	req = normalize(req)
	req.EventID = e.ID
	if req.Source == "staff" {
		if e.Status != event.StatusPublished && e.Status != event.StatusDraft {
			return Registration{}, false, ErrClosed
		}
	} else {
		if err := s.CheckOpen(e); err != nil {
			return Registration{}, false, err
		}
		if err := s.CheckInvitation(ctx, e, req.Invitation); err != nil {
			return Registration{}, false, err
		}
	}
	if err := validate(req, e); err != nil {
		return Registration{}, false, err
	}
	j := &job{ctx: ctx, req: req, event: e, reg: s.newRegistration(req, e), done: make(chan struct{})}
	// Render the mail the registration most likely gets; the committer
	// renders again only when the guess was wrong.
	select {
	case s.preparing <- struct{}{}:
	case <-ctx.Done():
		return Registration{}, false, ctx.Err()
	}
	if s.notifier != nil {
		guess := StatusWaitlisted
		if e.Capacity-e.SeatsTaken >= j.reg.Seats {
			guess = StatusConfirmed
		}
		j.reg.Status = guess
		if j.resent, err = resent(s.store.R(ctx), j.reg); err == nil {
			j.mail, err = s.notifier.Prepare(ctx, Notice{Kind: noticeFor(guess), Reg: j.reg, Event: e, Resent: j.resent})
		}
		j.mailFor = guess
	}
	<-s.preparing
	if err != nil {
		return Registration{}, false, err
	}
	s.once.Do(func() { s.batch = newBatcher(s) })
	if err := s.batch.submit(j); err != nil {
		return Registration{}, false, fmt.Errorf("register for event %d: %w", e.ID, err)
	}
	select {
	case <-j.done:
	case <-ctx.Done():
		if j.abandon() {
			return Registration{}, false, fmt.Errorf("register for event %d: %w", e.ID, ctx.Err())
		}
		// The committer has it: its outcome is moments away, and the
		// caller must hear it, not "try again".
		<-j.done
	}
	if j.err != nil {
		return Registration{}, false, fmt.Errorf("register for event %d: %w", e.ID, j.err)
	}
	// Staff adding someone already registered are told so, beside the
	// attendee, rather than handed the old registration as if new.
	if j.existing && req.Source == "staff" {
		return Registration{}, false, alreadyRegistered(req.Attendees, j.reg)
	}
	return j.reg, j.existing, nil
}

func noticeFor(st Status) string {
	if st == StatusWaitlisted {
		return NoticeWaitlisted
	}
	return NoticeConfirmed
}

// newRegistration is the row a request becomes, before its status is known.
func (s *Service) newRegistration(req Request, e event.Event) Registration {
	now := s.now()
	token := newToken()
	reg := Registration{EventID: e.ID, Token: token, CheckinCode: CheckinCode(token), Seats: len(req.Attendees),
		CompanyName: req.CompanyName, Email: req.Attendees[0].Email, Lang: req.Lang, Answers: req.Answers,
		MarketingConsent: req.MarketingConsent, Source: req.Source, CreatedAt: now, UpdatedAt: now}
	if req.Source == "staff" {
		reg.Note = strings.TrimSpace(req.Note)
	}
	reg.Invitation = req.Invitation
	if req.CVR != "" {
		cvr := req.CVR
		reg.CVR = &cvr
	}
	for _, a := range req.Attendees {
		reg.Attendees = append(reg.Attendees, Attendee{EventID: e.ID, Name: a.Name, Email: a.Email, JobTitle: a.JobTitle})
	}
	return reg
}

// write stores one registration inside the committer's transaction.
func (s *Service) write(ctx context.Context, j *job) error {
	db := s.store.W(ctx)
	emails := make([]string, len(j.reg.Attendees))
	for i, a := range j.reg.Attendees {
		emails[i] = a.Email
	}
	var prior []int64
	if err := db.Raw(`SELECT a.registration_id FROM registration_attendees a JOIN registrations r ON r.id = a.registration_id
		WHERE a.event_id = ? AND a.email IN ? AND r.status <> 'cancelled' ORDER BY a.registration_id LIMIT 1`, j.event.ID, emails).Scan(&prior).Error; err != nil {
		return err
	}
	if len(prior) > 0 {
		r, err := s.load(ctx, db.Where("id = ?", prior[0]))
		j.reg, j.existing = r, true
		return err
	}
	reg := &j.reg
	if reg.CVR != nil {
		var ids []int64
		if err := db.Raw("SELECT id FROM companies WHERE cvr = ?", *reg.CVR).Scan(&ids).Error; err != nil {
			return err
		}
		if len(ids) == 1 {
			reg.CompanyID = &ids[0]
		}
	}
	took, err := takeSeats(db, j.event.ID, reg.Seats)
	if err != nil {
		return err
	}
	switch {
	case took:
		reg.Status = StatusConfirmed
	case j.event.Waitlist || j.req.Source == "staff":
		reg.Status = StatusWaitlisted
	default:
		return ErrFull
	}
	if err := db.Omit("Attendees").Create(reg).Error; err != nil {
		return err
	}
	for i := range reg.Attendees {
		reg.Attendees[i].RegistrationID = reg.ID
	}
	if err := db.Create(&reg.Attendees).Error; err != nil {
		return err
	}
	if err := audit.Log(j.ctx, db, "registration", reg.ID, "register",
		map[string]any{"event": j.event.ID, "company": reg.CompanyName, "status": reg.Status, "seats": reg.Seats, "source": reg.Source}); err != nil {
		return err
	}
	if j.req.MarketingConsent && s.consents != nil {
		a := j.req.Attendees[0]
		if err := s.consents.RecordConsent(ctx, a.Name, a.Email, reg.CompanyID, "tilmelding: "+j.event.Title, ConsentWording); err != nil {
			return err
		}
	}
	if s.notifier == nil {
		return nil
	}
	if j.mailFor != reg.Status {
		if j.mail, err = s.notifier.Prepare(ctx, Notice{Kind: noticeFor(reg.Status), Reg: *reg, Event: j.event, Resent: j.resent}); err != nil {
			return err
		}
	}
	return j.mail.Queue(ctx, reg.ID)
}

// takeSeats is the one atomic write that enforces capacity: it adds n to
// the event's taken seats only if they still fit. It is correct under any
// concurrency on SQLite and PostgreSQL alike.
func takeSeats(db *gorm.DB, eventID int64, n int) (bool, error) {
	res := db.Exec("UPDATE events SET seats_taken = seats_taken + ? WHERE id = ? AND seats_taken + ? <= capacity", n, eventID, n)
	return res.RowsAffected == 1, res.Error
}

// freeSeats gives n seats back.
func freeSeats(db *gorm.DB, eventID int64, n int) error {
	return db.Exec("UPDATE events SET seats_taken = max(seats_taken - ?, 0) WHERE id = ?", n, eventID).Error
}

func (s *Service) load(ctx context.Context, q *gorm.DB) (Registration, error) {
	var r Registration
	err := q.Preload("Attendees", func(db *gorm.DB) *gorm.DB { return db.Order("id") }).Take(&r).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Registration{}, ErrNotFound
	}
	return r, err
}

// position is a waitlisted registration's place in the queue.
func (s *Service) position(ctx context.Context, r Registration) (int, error) {
	var n int64
	err := s.store.R(ctx).Model(&Registration{}).Where("event_id = ? AND status = ? AND id <= ?", r.EventID, StatusWaitlisted, r.ID).Count(&n).Error
	return int(n), err
}

// ByToken returns the registration behind a personal link, with its event.
func (s *Service) ByToken(ctx context.Context, token string) (Registration, event.Event, error) {
	if len(token) < 16 {
		return Registration{}, event.Event{}, ErrNotFound
	}
	r, err := s.load(ctx, s.store.R(ctx).Where("token = ?", token))
	if err != nil {
		return Registration{}, event.Event{}, err
	}
	e, err := s.events.Get(ctx, r.EventID)
	if err != nil {
		return Registration{}, event.Event{}, err
	}
	if r.Status == StatusWaitlisted {
		r.Position, err = s.position(ctx, r)
	}
	return r, e, err
}

// notify renders and queues a notice inside the caller's transaction.
func (s *Service) notify(ctx context.Context, n Notice) error {
	if s.notifier == nil {
		return nil
	}
	var err error
	if n.Resent, err = resent(s.store.W(ctx), n.Reg); err != nil {
		return err
	}
	m, err := s.notifier.Prepare(ctx, n)
	if err != nil {
		return err
	}
	return m.Queue(ctx, n.Reg.ID)
}

// resent counts r's e-mail's cancelled registrations for r's event made
// before r (all of them, for r not yet written); see Notice.Resent.
func resent(db *gorm.DB, r Registration) (int, error) {
	if r.Email == "" {
		return 0, nil
	}
	var n int
	err := db.Raw(`SELECT count(*) FROM registrations WHERE event_id = ? AND email = ? AND status = 'cancelled' AND (? = 0 OR id < ?)`,
		r.EventID, r.Email, r.ID, r.ID).Scan(&n).Error
	return n, err
}

// alreadyRegistered names the attendees of req found in existing.
func alreadyRegistered(attendees []AttendeeInput, existing Registration) error {
	var v i18n.Validation
	for i, a := range attendees {
		for _, x := range existing.Attendees {
			if a.Email == x.Email {
				v.Add(fmt.Sprintf("attendees.%d.email", i), "registration.error.already_registered", nil)
			}
		}
	}
	if err := v.Err(); err != nil {
		return err
	}
	v.Add("attendees", "registration.error.already_registered", nil)
	return v.Err()
}
