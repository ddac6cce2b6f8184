package award

import (
	"context"
	"encoding/json"
	"errors"
	"sort"
	"strings"
	"time"

	"convene/internal/audit"
	"convene/internal/event"
	"convene/internal/gazelle"
	"convene/internal/i18n"
	"convene/internal/store"

	"gorm.io/gorm"
)

// Errors of award rounds.
var (
	ErrNotFound     = i18n.NewError("award.error.not_found", nil)
	ErrYearTaken    = i18n.NewError("award.error.year_taken", nil)
	ErrPublished    = i18n.NewError("award.error.published", nil)
	ErrOneWinner    = i18n.NewError("award.error.one_winner", nil)
	ErrNoneDecided  = i18n.NewError("award.error.none_decided", nil)
	ErrNotEvaluated = i18n.NewError("award.error.not_evaluated", nil)
)

// Service runs the award rounds.
type Service struct {
	store  *store.Store
	events *event.Service
	now    func() time.Time
}

// NewService returns the award service.
func NewService(st *store.Store, events *event.Service) *Service {
	return &Service{store: st, events: events, now: func() time.Time { return time.Now().UTC() }}
}

// Rounds lists the rounds, newest year first.
func (s *Service) Rounds(ctx context.Context) ([]Round, error) {
	out := []Round{}
	err := s.store.R(ctx).Order("year DESC").Find(&out).Error
	return out, err
}

// Round returns one round.
func (s *Service) Round(ctx context.Context, id int64) (Round, error) {
	var r Round
	err := s.store.R(ctx).Take(&r, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Round{}, ErrNotFound
	}
	return r, err
}

// CreateRound opens the round of an award year: the year whose annual
// report ends the four-report period.
func (s *Service) CreateRound(ctx context.Context, year int) (Round, error) {
	if year < 2000 || year > s.now().Year() {
		var v i18n.Validation
		v.Add("year", "award.error.year", map[string]any{"max": s.now().Year()})
		return Round{}, v.Err()
	}
	now := s.now()
	r := Round{Year: year, Status: StatusDraft, CreatedAt: now, UpdatedAt: now}
	err := s.store.W(ctx).Create(&r).Error
	if err != nil && strings.Contains(err.Error(), "UNIQUE") {
		return Round{}, ErrYearTaken
	}
	return r, err
}

func (s *Service) draft(ctx context.Context, id int64) (Round, error) {
	r, err := s.Round(ctx, id)
	if err == nil && r.Status != StatusDraft {
		err = ErrPublished
	}
	return r, err
}

// register loads the companies to evaluate (those with annual figures),
// or only ids when given, with their figures, for the engine.
func (s *Service) register(ctx context.Context, ids []int64) ([]gazelle.Company, error) {
	db := s.store.R(ctx)
	var cos []struct {
		ID         int64
		Name       string
		Form       string
		BranchCode string
	}
	q := db.Table("companies").Select("id, name, form, branch_code").Where("id IN (SELECT company_id FROM company_financials)")
	if ids != nil {
		q = db.Table("companies").Select("id, name, form, branch_code").Where("id IN ?", ids)
	}
	if err := q.Order("id").Scan(&cos).Error; err != nil {
		return nil, err
	}
	var figs []struct {
		CompanyID int64
		gazelle.Financial
	}
	fq := db.Table("company_financials").Select("company_id, year, months, net_revenue, gross_profit, operating_result")
	if ids != nil {
		fq = fq.Where("company_id IN ?", ids)
	}
	if err := fq.Order("company_id, year").Scan(&figs).Error; err != nil {
		return nil, err
	}
	byID := make(map[int64][]gazelle.Financial, len(cos))
	for _, f := range figs {
		byID[f.CompanyID] = append(byID[f.CompanyID], f.Financial)
	}
	out := make([]gazelle.Company, len(cos))
	for i, c := range cos {
		out[i] = gazelle.Company{ID: c.ID, Name: c.Name, Form: c.Form, BranchCode: c.BranchCode, Financials: byID[c.ID]}
	}
	return out, nil
}

// Evaluate runs the engine over the register for the round's year and
// stores every verdict with its evidence. Run again (new figures), it
// replaces the verdicts and keeps the jury's shortlist, notes and
// decisions.
func (s *Service) Evaluate(ctx context.Context, roundID int64) (int, error) {
	r, err := s.draft(ctx, roundID)
	if err != nil {
		return 0, err
	}
	cos, err := s.register(ctx, nil)
	if err != nil {
		return 0, err
	}
	verdicts := gazelle.EvaluateAll(cos, r.Year)
	err = s.store.Tx(ctx, func(ctx context.Context) error {
		for i := 0; i < len(verdicts); i += 500 {
			if err := s.upsert(ctx, r.ID, verdicts[i:min(i+500, len(verdicts))]); err != nil {
				return err
			}
		}
		if err := s.store.W(ctx).Model(&Round{}).Where("id = ?", r.ID).Updates(map[string]any{"evaluated_at": s.now(), "updated_at": s.now()}).Error; err != nil {
			return err
		}
		return audit.Log(ctx, s.store.W(ctx), "award_round", r.ID, "evaluate", map[string]any{"companies": len(verdicts)})
	})
	return len(verdicts), err
}

func (s *Service) upsert(ctx context.Context, roundID int64, vs []gazelle.Verdict) error {
	now := s.now()
	for _, v := range vs {
		e := Entry{RoundID: roundID, CompanyID: v.CompanyID, Result: v.Result, Verdict: v, Growth: growthOf(v), UpdatedAt: now}
		err := s.store.W(ctx).Exec(`INSERT INTO award_entries (round_id, company_id, result, verdict, growth, updated_at) VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT(round_id, company_id) DO UPDATE SET result = excluded.result, verdict = excluded.verdict, growth = excluded.growth,
			updated_at = excluded.updated_at`, e.RoundID, e.CompanyID, e.Result, jsonOf(v), e.Growth, e.UpdatedAt).Error
		if err != nil {
			return err
		}
	}
	return nil
}

// The lists of a round's entries.
const (
	ListCandidates  = "candidates"  // the engine's gazelles, and those added by hand
	ListShortlist   = "shortlist"   // shortlisted by the jury
	ListDecided     = "decided"     // winner and gazelle list
	ListReview      = "review"      // needs review (figures in doubt)
	ListNotEnough   = "not_enough"  // not enough data
	ListNotGazelles = "not_gazelle" // evaluated, not gazelles
)

// EntryQuery picks a round's entries.
type EntryQuery struct {
	RoundID int64  `json:"roundId"`
	List    string `json:"list"`
	Search  string `json:"search"`
	Limit   int    `json:"limit"`
}

func (s *Service) entries(ctx context.Context) *gorm.DB {
	return s.store.R(ctx).Model(&Entry{}).Select("award_entries.*, c.name AS company_name, c.cvr AS cvr").
		Joins("JOIN companies c ON c.id = award_entries.company_id")
}

// Entries lists a round's entries: candidates by growth, highest first.
func (s *Service) Entries(ctx context.Context, q EntryQuery) ([]Entry, error) {
	db := s.entries(ctx).Where("award_entries.round_id = ?", q.RoundID)
	switch q.List {
	case ListCandidates, "":
		db = db.Where("award_entries.result = ? OR award_entries.manual_reason <> '' OR award_entries.shortlisted = 1", gazelle.ResultGazelle)
	case ListShortlist:
		db = db.Where("award_entries.shortlisted = 1")
	case ListDecided:
		db = db.Where("award_entries.decision IN ?", []string{DecisionWinner, DecisionGazelle})
	case ListReview:
		db = db.Where("award_entries.result = ?", gazelle.ResultNeedsReview)
	case ListNotEnough:
		db = db.Where("award_entries.result = ?", gazelle.ResultNotEnoughData)
	case ListNotGazelles:
		db = db.Where("award_entries.result = ?", gazelle.ResultNotGazelle)
	}
	if t := strings.TrimSpace(q.Search); t != "" {
		db = db.Where("lower(c.name) LIKE ? OR c.cvr = ?", "%"+strings.ToLower(t)+"%", t)
	}
	if q.Limit <= 0 || q.Limit > 1000 {
		q.Limit = 200
	}
	out := []Entry{}
	err := db.Order("CASE award_entries.decision WHEN 'winner' THEN 0 WHEN 'gazelle' THEN 1 ELSE 2 END, award_entries.growth DESC, c.name").
		Limit(q.Limit).Find(&out).Error
	return out, err
}

// Entry returns one entry.
func (s *Service) Entry(ctx context.Context, id int64) (Entry, error) {
	var e Entry
	err := s.entries(ctx).Where("award_entries.id = ?", id).Take(&e).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Entry{}, ErrNotFound
	}
	return e, err
}

// Counts sums a round's verdicts and the jury's work.
type Counts struct {
	Evaluated   int64 `json:"evaluated"`
	Gazelles    int64 `json:"gazelles"`
	Review      int64 `json:"review"`
	NotEnough   int64 `json:"notEnough"`
	Shortlisted int64 `json:"shortlisted"`
	Decided     int64 `json:"decided"`
}

// Counts counts a round's entries.
func (s *Service) Counts(ctx context.Context, roundID int64) (Counts, error) {
	var c Counts
	err := s.store.R(ctx).Raw(`SELECT count(*) AS evaluated, coalesce(sum(result = 'gazelle'), 0) AS gazelles,
		coalesce(sum(result = 'needs_review'), 0) AS review, coalesce(sum(result = 'not_enough_data'), 0) AS not_enough,
		coalesce(sum(shortlisted), 0) AS shortlisted, coalesce(sum(decision IN ('winner', 'gazelle')), 0) AS decided
		FROM award_entries WHERE round_id = ?`, roundID).Scan(&c).Error
	return c, err
}

// editEntry changes an entry of a draft round.
func (s *Service) editEntry(ctx context.Context, id int64, set map[string]any) (Entry, error) {
	e, err := s.Entry(ctx, id)
	if err != nil {
		return Entry{}, err
	}
	if _, err := s.draft(ctx, e.RoundID); err != nil {
		return Entry{}, err
	}
	set["updated_at"] = s.now()
	err = s.store.Tx(ctx, func(ctx context.Context) error {
		if err := s.store.W(ctx).Model(&Entry{}).Where("id = ?", id).Updates(set).Error; err != nil {
			return err
		}
		detail := map[string]any{"round": e.RoundID, "company": e.CompanyName}
		for k, v := range set {
			if k != "updated_at" && k != "decided_at" {
				detail[k] = v
			}
		}
		return audit.Log(ctx, s.store.W(ctx), "award_entry", id, "edit", detail)
	})
	if err != nil {
		return Entry{}, err
	}
	return s.Entry(ctx, id)
}

// Shortlist puts an entry on the jury's shortlist, or takes it off.
func (s *Service) Shortlist(ctx context.Context, id int64, on bool) (Entry, error) {
	return s.editEntry(ctx, id, map[string]any{"shortlisted": on})
}

// Note records the jury's note on an entry.
func (s *Service) Note(ctx context.Context, id int64, note string) (Entry, error) {
	note = strings.TrimSpace(note)
	if len([]rune(note)) > 4000 {
		var v i18n.Validation
		v.Add("juryNote", "error.too_long", map[string]any{"max": 4000})
		return Entry{}, v.Err()
	}
	return s.editEntry(ctx, id, map[string]any{"jury_note": note})
}

// Decide records the jury's decision on an entry, with who made it and
// when: "winner" (Årets Gazelle; one per round), "gazelle" (the year's
// list), "rejected", or "" to undo.
func (s *Service) Decide(ctx context.Context, id int64, decision, actor string) (Entry, error) {
	switch decision {
	case DecisionNone, DecisionWinner, DecisionGazelle, DecisionRejected:
	default:
		var v i18n.Validation
		v.Add("decision", "award.error.decision", nil)
		return Entry{}, v.Err()
	}
	var out Entry
	err := s.store.Tx(ctx, func(ctx context.Context) error {
		e, err := s.Entry(ctx, id)
		if err != nil {
			return err
		}
		if decision == DecisionWinner {
			var n int64
			if err := s.store.W(ctx).Model(&Entry{}).Where("round_id = ? AND decision = ? AND id <> ?", e.RoundID, DecisionWinner, id).Count(&n).Error; err != nil {
				return err
			}
			if n > 0 {
				return ErrOneWinner
			}
		}
		set := map[string]any{"decision": decision, "decided_by": actor, "decided_at": s.now()}
		if decision != DecisionNone {
			set["shortlisted"] = true
		}
		out, err = s.editEntry(ctx, id, set)
		return err
	})
	return out, err
}

// AddByHand puts a company the engine did not find on the shortlist, with
// the jury's reason; it is evaluated too, so its evidence is there.
func (s *Service) AddByHand(ctx context.Context, roundID, companyID int64, reason string) (Entry, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		var v i18n.Validation
		v.Add("manualReason", "error.required", nil)
		return Entry{}, v.Err()
	}
	r, err := s.draft(ctx, roundID)
	if err != nil {
		return Entry{}, err
	}
	cos, err := s.register(ctx, []int64{companyID})
	if err != nil {
		return Entry{}, err
	}
	if len(cos) == 0 {
		return Entry{}, i18n.NewError("company.error.not_found", nil)
	}
	var id int64
	err = s.store.Tx(ctx, func(ctx context.Context) error {
		if err := s.upsert(ctx, r.ID, []gazelle.Verdict{gazelle.Evaluate(cos[0], r.Year)}); err != nil {
			return err
		}
		if err := s.store.W(ctx).Model(&Entry{}).Where("round_id = ? AND company_id = ?", r.ID, companyID).
			Updates(map[string]any{"manual_reason": reason, "shortlisted": true}).Error; err != nil {
			return err
		}
		if err := s.store.W(ctx).Model(&Entry{}).Where("round_id = ? AND company_id = ?", r.ID, companyID).Pluck("id", &id).Error; err != nil {
			return err
		}
		return audit.Log(ctx, s.store.W(ctx), "award_entry", id, "add_by_hand", reason)
	})
	if err != nil {
		return Entry{}, err
	}
	return s.Entry(ctx, id)
}

// Publish shows the round's winners on the public site.
func (s *Service) Publish(ctx context.Context, roundID int64) (Round, error) {
	c, err := s.Counts(ctx, roundID)
	if err != nil {
		return Round{}, err
	}
	if c.Decided == 0 {
		return Round{}, ErrNoneDecided
	}
	now := s.now()
	res := s.store.W(ctx).Model(&Round{}).Where("id = ? AND status = ?", roundID, StatusDraft).
		Updates(map[string]any{"status": StatusPublished, "published_at": now, "updated_at": now})
	if res.Error != nil {
		return Round{}, res.Error
	}
	if res.RowsAffected == 0 {
		if _, err := s.Round(ctx, roundID); err != nil {
			return Round{}, err
		}
		return Round{}, ErrPublished
	}
	if err := audit.Log(ctx, s.store.W(ctx), "award_round", roundID, "publish", nil); err != nil {
		return Round{}, err
	}
	return s.Round(ctx, roundID)
}

// Unpublish takes a round off the public site, so the jury can change it.
func (s *Service) Unpublish(ctx context.Context, roundID int64) (Round, error) {
	if err := s.store.W(ctx).Model(&Round{}).Where("id = ?", roundID).
		Updates(map[string]any{"status": StatusDraft, "published_at": nil, "updated_at": s.now()}).Error; err != nil {
		return Round{}, err
	}
	if err := audit.Log(ctx, s.store.W(ctx), "award_round", roundID, "unpublish", nil); err != nil {
		return Round{}, err
	}
	return s.Round(ctx, roundID)
}

// HistoryItem is one award year of a company.
type HistoryItem struct {
	Year      int            `json:"year"`
	RoundID   int64          `json:"roundId"`
	Published bool           `json:"published"`
	Result    gazelle.Result `json:"result"`
	Growth    *float64       `json:"growth"`
	Decision  string         `json:"decision"`
}

// History is a company's gazelle history: every round it was evaluated
// in, newest first.
func (s *Service) History(ctx context.Context, companyID int64) ([]HistoryItem, error) {
	out := []HistoryItem{}
	err := s.store.R(ctx).Raw(`SELECT r.year, r.id AS round_id, r.status = 'published' AS published, e.result, e.growth, e.decision
		FROM award_entries e JOIN award_rounds r ON r.id = e.round_id WHERE e.company_id = ? ORDER BY r.year DESC`, companyID).Scan(&out).Error
	return out, err
}

// Winner is a company on a published gazelle list.
type Winner struct {
	Year        int      `json:"year"`
	CompanyID   int64    `json:"companyId"`
	CompanyName string   `json:"companyName"`
	Growth      *float64 `json:"growth"`
	Winner      bool     `json:"winner"`
}

// PublishedLists returns the winners of every published round by year,
// newest first, Årets Gazelle before the list, the list by growth.
func (s *Service) PublishedLists(ctx context.Context) ([]Winner, error) {
	out := []Winner{}
	err := s.store.R(ctx).Raw(`SELECT r.year, e.company_id, c.name AS company_name, e.growth, e.decision = 'winner' AS winner
		FROM award_entries e JOIN award_rounds r ON r.id = e.round_id JOIN companies c ON c.id = e.company_id
		WHERE r.status = 'published' AND e.decision IN ('winner', 'gazelle')
		ORDER BY r.year DESC, e.decision = 'winner' DESC, e.growth DESC, c.name`).Scan(&out).Error
	return out, err
}

// RoundForEvent returns the published round celebrated at an event, if any.
func (s *Service) RoundForEvent(ctx context.Context, eventID int64) (*Round, error) {
	var rs []Round
	if err := s.store.R(ctx).Where("event_id = ? AND status = ?", eventID, StatusPublished).Limit(1).Find(&rs).Error; err != nil || len(rs) == 0 {
		return nil, err
	}
	return &rs[0], nil
}

// decided is the round's winner and gazelle list, winner first.
func (s *Service) decided(ctx context.Context, roundID int64) ([]Entry, error) {
	es, err := s.Entries(ctx, EntryQuery{RoundID: roundID, List: ListDecided, Limit: 1000})
	sort.SliceStable(es, func(i, j int) bool { return es[i].Decision == DecisionWinner && es[j].Decision != DecisionWinner })
	return es, err
}

func jsonOf(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return "{}"
	}
	return string(b)
}
