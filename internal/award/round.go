package award

import (
	"time"

	"convene/internal/gazelle"
)

// Status is where a round is.
type Status string

// The statuses of a round.
const (
	StatusDraft     Status = "draft"
	StatusPublished Status = "published"
)

// The jury's decisions on an entry.
const (
	DecisionNone     = ""
	DecisionWinner   = "winner"  // "Årets Gazelle"
	DecisionGazelle  = "gazelle" // on the year's gazelle list
	DecisionRejected = "rejected"
)

// Round is one award year.
type Round struct {
	ID          int64      `json:"id"`
	Year        int        `json:"year"`
	Status      Status     `json:"status"`
	EventID     *int64     `json:"eventId"`
	EvaluatedAt *time.Time `json:"evaluatedAt"`
	PublishedAt *time.Time `json:"publishedAt"`
	CreatedAt   time.Time  `json:"createdAt"`
	UpdatedAt   time.Time  `json:"updatedAt"`
}

// TableName is the rounds table.
func (Round) TableName() string { return "award_rounds" }

// Entry is one company in a round: the engine's verdict and the jury's
// work.
type Entry struct {
	ID          int64          `json:"id"`
	RoundID     int64          `json:"roundId"`
	CompanyID   int64          `json:"companyId"`
	CompanyName string         `json:"companyName" gorm:"->"`
	CVR         *string        `json:"cvr" gorm:"->"`
	Result      gazelle.Result `json:"result"`
	Verdict     Verdict        `json:"verdict" gorm:"serializer:json"`
	// Growth is the growth over the period in percent, for sorting and the
	// public list.
	Growth       *float64   `json:"growth"`
	Shortlisted  bool       `json:"shortlisted"`
	ManualReason string     `json:"manualReason"`
	JuryNote     string     `json:"juryNote"`
	Decision     string     `json:"decision"`
	DecidedBy    string     `json:"decidedBy"`
	DecidedAt    *time.Time `json:"decidedAt"`
	UpdatedAt    time.Time  `json:"updatedAt"`
}

// TableName is the entries table.
func (Entry) TableName() string { return "award_entries" }

// Verdict is the engine's verdict as stored with the entry.
type Verdict = gazelle.Verdict

func growthOf(v gazelle.Verdict) *float64 {
	if v.Evidence.TotalGrowth == nil {
		return nil
	}
	g := float64(*v.Evidence.TotalGrowth)
	return &g
}
