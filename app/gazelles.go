package app

import (
	"encoding/base64"

	"convene/internal/award"
	"convene/internal/event"
	"convene/internal/i18n"
)

// Gazelles is the yearly gazelle award: rounds, the jury's work, the
// diplomas and the nytårskur.
type Gazelles struct{ call }

// Rounds lists the award rounds, newest year first.
func (g *Gazelles) Rounds() ([]award.Round, error) { return g.deps.Awards.Rounds(g.ctx) }

// Round returns one round.
func (g *Gazelles) Round(id int64) (award.Round, error) { return g.deps.Awards.Round(g.ctx, id) }

// CreateRound opens the round whose last annual report is year.
func (g *Gazelles) CreateRound(year int) (award.Round, error) {
	return g.deps.Awards.CreateRound(g.ctx, year)
}

// Evaluate runs the engine over the register and says how many companies
// were evaluated.
func (g *Gazelles) Evaluate(roundID int64) (int, error) {
	return g.deps.Awards.Evaluate(g.ctx, roundID)
}

// Counts sums a round's verdicts and decisions.
func (g *Gazelles) Counts(roundID int64) (award.Counts, error) {
	return g.deps.Awards.Counts(g.ctx, roundID)
}

// Entries lists a round's entries with their evidence.
func (g *Gazelles) Entries(q award.EntryQuery) ([]award.Entry, error) {
	return g.deps.Awards.Entries(g.ctx, q)
}

// Entry returns one entry with its evidence.
func (g *Gazelles) Entry(id int64) (award.Entry, error) { return g.deps.Awards.Entry(g.ctx, id) }

// Shortlist puts an entry on the shortlist or takes it off.
func (g *Gazelles) Shortlist(id int64, on bool) (award.Entry, error) {
	return g.deps.Awards.Shortlist(g.ctx, id, on)
}

// Note records the jury's note.
func (g *Gazelles) Note(id int64, note string) (award.Entry, error) {
	return g.deps.Awards.Note(g.ctx, id, note)
}

// Decide records the jury's decision, with who decided.
func (g *Gazelles) Decide(id int64, decision string) (award.Entry, error) {
	return g.deps.Awards.Decide(g.ctx, id, decision, g.actor.Email)
}

// AddByHand shortlists a company the engine did not find, with a reason.
func (g *Gazelles) AddByHand(roundID, companyID int64, reason string) (award.Entry, error) {
	return g.deps.Awards.AddByHand(g.ctx, roundID, companyID, reason)
}

// Publish shows the round's winners on /gazeller.
func (g *Gazelles) Publish(roundID int64) (award.Round, error) {
	return g.deps.Awards.Publish(g.ctx, roundID)
}

// Unpublish takes the round off the public site.
func (g *Gazelles) Unpublish(roundID int64) (award.Round, error) {
	return g.deps.Awards.Unpublish(g.ctx, roundID)
}

// History is a company's gazelle history.
func (g *Gazelles) History(companyID int64) ([]award.HistoryItem, error) {
	return g.deps.Awards.History(g.ctx, companyID)
}

// CreateNewYear makes the round's nytårskur (a draft event) from the
// template.
func (g *Gazelles) CreateNewYear(roundID int64, t award.NewYearTemplate) (event.Event, error) {
	st, err := g.deps.Settings.Get(g.ctx)
	if err != nil {
		return event.Event{}, err
	}
	loc := st.Location()
	return g.deps.Awards.CreateNewYear(g.ctx, roundID, t, i18n.Localizer{Lang: st.DefaultLanguage, Catalog: g.deps.Catalog}, loc)
}

// Guests shows the gazelles' registrations for the nytårskur.
func (g *Gazelles) Guests(roundID int64) ([]award.Guest, error) {
	return g.deps.Awards.Guests(g.ctx, roundID)
}

// Presentation is the slides for the evening.
func (g *Gazelles) Presentation(roundID int64) ([]award.Slide, error) {
	return g.deps.Awards.Presentation(g.ctx, roundID)
}

// Diplomas makes the round's diplomas as one PDF, or one entry's (entryID
// not 0).
func (g *Gazelles) Diplomas(roundID, entryID int64) (FileData, error) {
	st, err := g.deps.Settings.Get(g.ctx)
	if err != nil {
		return FileData{}, err
	}
	d, err := g.deps.Awards.Diplomas(g.ctx, roundID, entryID, st, i18n.Localizer{Lang: st.DefaultLanguage, Catalog: g.deps.Catalog})
	if err != nil {
		return FileData{}, err
	}
	return FileData{Filename: d.Filename, ContentType: "application/pdf", DataBase64: base64.StdEncoding.EncodeToString(d.Data)}, nil
}
