package report

import (
	"context"
	"fmt"
	"math"
	"strings"
	"time"

	"convene/internal/setting"
	"convene/internal/store"

	"gorm.io/gorm"
)

// Filter narrows a report to a period and to events of a kind, theme or
// track. The period is of the events' start.
type Filter struct {
	From  time.Time `json:"from"`
	To    time.Time `json:"to"`
	Kind  string    `json:"kind"`
	Theme string    `json:"theme"`
	Track int       `json:"track"`
}

// Table is one report: its columns (translation keys) and rows.
type Table struct {
	Name    string   `json:"name"`
	Columns []string `json:"columns"`
	Rows    [][]any  `json:"rows"`
}

// Names lists the reports in the order the screen shows them.
var Names = []string{"registrations_over_time", "attendance_by_kind", "companies_by_cluster", "companies_by_area",
	"companies_by_track", "new_vs_returning", "events_by_theme", "campaign_outcomes"}

// Service runs the reports.
type Service struct {
	store    *store.Store
	settings *setting.Service
	now      func() time.Time
}

// NewService returns the report service; months are the organiser's, in
// the time zone of the settings.
func NewService(st *store.Store, settings *setting.Service) *Service {
	return &Service{store: st, settings: settings, now: func() time.Time { return time.Now().UTC() }}
}

// events is the filter as a condition on events e.
func (f Filter) events(db *gorm.DB) *gorm.DB {
	if !f.From.IsZero() {
		db = db.Where("e.starts_at >= ?", f.From)
	}
	if !f.To.IsZero() {
		db = db.Where("e.starts_at < ?", f.To)
	}
	if f.Kind != "" {
		db = db.Where("e.kind = ?", f.Kind)
	}
	if f.Track != 0 {
		db = db.Where("e.track = ?", f.Track)
	}
	if f.Theme != "" {
		db = db.Where("EXISTS (SELECT 1 FROM json_each(e.themes) WHERE lower(json_each.value) = lower(?))", f.Theme)
	}
	return db.Where("e.status IN ('published', 'completed')")
}

// Run runs one report by name.
func (s *Service) Run(ctx context.Context, name string, f Filter) (Table, error) {
	var run func(context.Context, Filter) (Table, error)
	switch name {
	case "registrations_over_time":
		run = s.registrationsOverTime
	case "attendance_by_kind":
		run = s.attendanceByKind
	case "companies_by_cluster":
		run = func(ctx context.Context, f Filter) (Table, error) { return s.companiesBy(ctx, f, "cluster") }
	case "companies_by_area":
		run = func(ctx context.Context, f Filter) (Table, error) { return s.companiesBy(ctx, f, "area") }
	case "companies_by_track":
		run = func(ctx context.Context, f Filter) (Table, error) { return s.companiesBy(ctx, f, "track") }
	case "new_vs_returning":
		run = s.newVsReturning
	case "events_by_theme":
		run = s.eventsByTheme
	case "campaign_outcomes":
		run = s.campaignOutcomes
	default:
		return Table{}, fmt.Errorf("no report %q", name)
	}
	t, err := run(ctx, f)
	t.Name = name
	if err != nil {
		return Table{}, fmt.Errorf("report %s: %w", name, err)
	}
	if t.Rows == nil {
		t.Rows = [][]any{}
	}
	return t, nil
}

func rate(part, whole int64) float64 {
	if whole == 0 {
		return 0
	}
	return float64(int64(float64(part)*1000/float64(whole))) / 10
}

// registrationsOverTime counts by month of the event, in the organiser's
// time zone: registrations (places confirmed), attendees expected, and
// attendees who came.
func (s *Service) registrationsOverTime(ctx context.Context, f Filter) (Table, error) {
	st, err := s.settings.Get(ctx)
	if err != nil {
		return Table{}, err
	}
	loc := st.Location()
	var events []struct {
		StartsAt      time.Time
		Registrations int64
		Attendees     int64
		Attended      int64
	}
	err = s.store.R(ctx).Raw(`SELECT starts_at, regs AS registrations, seats AS attendees, came AS attended FROM (?)
		WHERE regs > 0 ORDER BY starts_at`, perEvent(s.store.R(ctx), f)).Scan(&events).Error
	if err != nil {
		return Table{}, err
	}
	t := Table{Columns: []string{"month", "registrations", "attendees", "attended"}}
	for _, e := range events {
		month := e.StartsAt.In(loc).Format("2006-01")
		if n := len(t.Rows); n == 0 || t.Rows[n-1][0] != month {
			t.Rows = append(t.Rows, []any{month, int64(0), int64(0), int64(0)})
		}
		row := t.Rows[len(t.Rows)-1]
		row[1], row[2], row[3] = row[1].(int64)+e.Registrations, row[2].(int64)+e.Attendees, row[3].(int64)+e.Attended
	}
	return t, nil
}

// perEvent is the filter's events with their start, end and kind, confirmed
// registrations, places and check-ins, each counted from a covering index.
func perEvent(db *gorm.DB, f Filter) *gorm.DB {
	return f.events(db.Table("events e")).Select(`e.id, e.kind, e.starts_at, e.ends_at,
		(SELECT count(*) FROM registrations r WHERE r.event_id = e.id AND r.status = 'confirmed') AS regs,
		(SELECT coalesce(sum(r.seats), 0) FROM registrations r WHERE r.event_id = e.id AND r.status = 'confirmed') AS seats,
		(SELECT count(*) FROM registration_attendees a WHERE a.event_id = e.id AND a.attended_at IS NOT NULL) AS came`)
}

// attendanceByKind is, per event kind, over events already held: the
// attendees expected, those who came, and the attendance and no-show
// rates.
func (s *Service) attendanceByKind(ctx context.Context, f Filter) (Table, error) {
	var rows []struct {
		Kind      string
		Events    int64
		Attendees int64
		Attended  int64
	}
	err := s.store.R(ctx).Raw(`SELECT kind, count(*) AS events, sum(seats) AS attendees, sum(came) AS attended FROM (?)
		WHERE regs > 0 AND ends_at < ? GROUP BY kind ORDER BY kind`, perEvent(s.store.R(ctx), f), s.now()).Scan(&rows).Error
	if err != nil {
		return Table{}, err
	}
	t := Table{Columns: []string{"kind", "events", "attendees", "attended", "attendance_rate", "no_show_rate"}}
	for _, r := range rows {
		t.Rows = append(t.Rows, []any{r.Kind, r.Events, r.Attendees, r.Attended, rate(r.Attended, r.Attendees), rate(r.Attendees-r.Attended, r.Attendees)})
	}
	return t, nil
}

// reach is the filter as a condition on report_reach x, the fact table of
// companies' confirmed places at counted events (kept by triggers and the
// registration committer; see store/reach.go). Its start times are Unix
// seconds.
func (f Filter) reach() (string, []any) {
	conds, args := []string{"1"}, []any{}
	add := func(c string, a any) { conds, args = append(conds, c), append(args, a) }
	if !f.From.IsZero() {
		add("x.starts_at >= ?", f.From.Unix())
	}
	if !f.To.IsZero() {
		add("x.starts_at < ?", f.To.Unix())
	}
	if f.Kind != "" {
		add("x.kind = ?", f.Kind)
	}
	if f.Track != 0 {
		add("x.track = ?", f.Track)
	}
	if f.Theme != "" {
		add("instr(x.themes, '|' || lower(?) || '|') > 0", f.Theme)
	}
	return strings.Join(conds, " AND "), args
}

// companiesBy counts the distinct companies with a confirmed place, by
// their cluster or business area, or by the events' policy track. The fact
// table is ordered by company (and indexed by track and company), so one
// pass without a sort finds each company's places.
func (s *Service) companiesBy(ctx context.Context, f Filter, by string) (Table, error) {
	cond, args := f.reach()
	t := Table{Columns: []string{by, "companies", "attendees"}}
	var rows []struct {
		Grp       string
		Companies int64
		Attendees int64
	}
	// Grouped by company (or by track and company, which an index
	// orders), the cluster and area are each company's own.
	col, groupBy := "x."+by, "x.company_id"
	if by == "track" {
		groupBy = "x.track, x.company_id"
	}
	err := s.store.R(ctx).Raw(`SELECT grp, count(*) AS companies, sum(places) AS attendees FROM (
		SELECT `+col+` AS grp, sum(x.seats) AS places FROM report_reach x WHERE `+cond+` GROUP BY `+groupBy+`)
		GROUP BY grp ORDER BY companies DESC, grp`, args...).Scan(&rows).Error
	if err != nil {
		return Table{}, err
	}
	for _, r := range rows {
		t.Rows = append(t.Rows, []any{r.Grp, r.Companies, r.Attendees})
	}
	return t, nil
}

// newVsReturning splits the companies registered in the period into those
// registering for the first time and those who had come before: one pass
// over the fact table, by company, finds when each first came at all and
// whether it came to an event of the report.
func (s *Service) newVsReturning(ctx context.Context, f Filter) (Table, error) {
	var n struct {
		Fresh int64
		Again int64
	}
	from := int64(math.MinInt64)
	if !f.From.IsZero() {
		from = f.From.Unix()
	}
	cond, args := f.reach()
	err := s.store.R(ctx).Raw(`SELECT coalesce(sum(first >= ?), 0) AS fresh, coalesce(sum(first < ?), 0) AS again FROM (
		SELECT min(x.starts_at) AS first, max(`+cond+`) AS inside FROM report_reach x GROUP BY x.company_id) WHERE inside`,
		append([]any{from, from}, args...)...).Scan(&n).Error
	if err != nil {
		return Table{}, err
	}
	return Table{Columns: []string{"group", "companies"}, Rows: [][]any{{"new", n.Fresh}, {"returning", n.Again}}}, nil
}

// eventsByTheme counts events and confirmed attendees per theme; an event
// of two themes counts in both.
func (s *Service) eventsByTheme(ctx context.Context, f Filter) (Table, error) {
	var rows []struct {
		Theme     string
		Events    int64
		Attendees int64
	}
	q := f.events(s.store.R(ctx).Table("events e")).
		Select(`t.value AS theme, count(DISTINCT e.id) AS events,
			coalesce(sum((SELECT coalesce(sum(seats), 0) FROM registrations r WHERE r.event_id = e.id AND r.status = 'confirmed')), 0) AS attendees`).
		Joins("JOIN json_each(e.themes) t").
		Group("t.value").Order("events DESC, theme")
	if err := q.Scan(&rows).Error; err != nil {
		return Table{}, err
	}
	t := Table{Columns: []string{"theme", "events", "attendees"}}
	for _, r := range rows {
		t.Rows = append(t.Rows, []any{r.Theme, r.Events, r.Attendees})
	}
	return t, nil
}

// campaignOutcomes is, per campaign started in the period, how many were
// reached and what came of it: registrations, declines, unsubscribes.
func (s *Service) campaignOutcomes(ctx context.Context, f Filter) (Table, error) {
	db := s.store.R(ctx).Table("campaigns c").Where("c.started_at IS NOT NULL")
	if !f.From.IsZero() {
		db = db.Where("c.started_at >= ?", f.From)
	}
	if !f.To.IsZero() {
		db = db.Where("c.started_at < ?", f.To)
	}
	if f.Kind != "" || f.Theme != "" || f.Track != 0 {
		db = db.Where("c.event_id IN (?)", f.events(s.store.R(ctx).Table("events e")).Select("e.id"))
	}
	var rows []struct {
		Name         string
		Kind         string
		Invited      int64
		Registered   int64
		Declined     int64
		Unsubscribed int64
	}
	err := db.Select(`c.name, c.kind, count(rc.id) AS invited,
		coalesce(sum(EXISTS (SELECT 1 FROM registrations g WHERE g.event_id = c.event_id AND g.status <> 'cancelled'
			AND (g.invitation = rc.token OR g.email = rc.email))), 0) AS registered,
		coalesce(sum(rc.declined_at IS NOT NULL), 0) AS declined,
		coalesce(sum(EXISTS (SELECT 1 FROM mail_suppressions m WHERE m.address = rc.email AND m.reason = 'unsubscribed'
			AND m.created_at >= rc.created_at)), 0) AS unsubscribed`).
		Joins("LEFT JOIN campaign_recipients rc ON rc.campaign_id = c.id").
		Group("c.id").Order("c.started_at DESC").Scan(&rows).Error
	if err != nil {
		return Table{}, err
	}
	t := Table{Columns: []string{"campaign", "kind", "invited", "registered", "declined", "unsubscribed"}}
	for _, r := range rows {
		t.Rows = append(t.Rows, []any{r.Name, r.Kind, r.Invited, r.Registered, r.Declined, r.Unsubscribed})
	}
	return t, nil
}
