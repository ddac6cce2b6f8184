package award

import (
	"bytes"
	"context"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"convene/internal/company"
	"convene/internal/event"
	"convene/internal/gazelle"
	"convene/internal/i18n"
	"convene/internal/setting"
	"convene/internal/store/storetest"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

func amount(n int64) *int64 { return &n }

// grower is a company whose figures double and more from 2021 to 2024.
func addCompany(t *testing.T, reg *company.Service, name, cvr, form string, revenue []int64) company.Company {
	t.Helper()
	ctx := context.Background()
	c, err := reg.Save(ctx, company.Company{Name: name, CVR: &cvr, Form: form})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range revenue {
		if _, err := reg.SaveFinancial(ctx, company.Financial{CompanyID: c.ID, Year: 2021 + i, Months: 12, NetRevenue: amount(r), OperatingResult: amount(100_000)}); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

func TestAwardRoundFromEvaluationToPublishedList(t *testing.T) {
	st := storetest.New(t)
	ctx := context.Background()
	reg := company.NewService(st)
	events := event.NewService(st, "balk.dk")
	s := NewService(st, events)
	fast := addCompany(t, reg, "Hurtig Vækst ApS", "61056416", "ApS", []int64{2_000_000, 2_600_000, 3_400_000, 4_500_000})
	faster := addCompany(t, reg, "Raket A/S", "61126228", "A/S", []int64{1_500_000, 2_500_000, 4_000_000, 6_000_000})
	slow := addCompany(t, reg, "Rolig ApS", "24256790", "ApS", []int64{2_000_000, 2_100_000, 2_200_000, 2_300_000})
	r, err := s.CreateRound(ctx, 2024)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateRound(ctx, 2024); !errors.Is(err, ErrYearTaken) {
		t.Fatalf("a second round for 2024: %v", err)
	}
	if n, err := s.Evaluate(ctx, r.ID); err != nil || n != 3 {
		t.Fatalf("evaluate: %d %v", n, err)
	}
	cands, _ := s.Entries(ctx, EntryQuery{RoundID: r.ID})
	if len(cands) != 2 || cands[0].CompanyID != faster.ID || cands[0].Result != gazelle.ResultGazelle || cands[0].Verdict.Evidence.TotalGrowth == nil {
		t.Fatalf("candidates: %+v", cands)
	}
	// The jury adds the slow grower by hand, notes, decides.
	manual, err := s.AddByHand(ctx, r.ID, slow.ID, "Stor lokal arbejdsgiver")
	if err != nil || !manual.Shortlisted || manual.Result != gazelle.ResultNotGazelle {
		t.Fatalf("by hand: %+v %v", manual, err)
	}
	if _, err := s.Note(ctx, cands[0].ID, "Imponerende eksport"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Publish(ctx, r.ID); !errors.Is(err, ErrNoneDecided) {
		t.Fatalf("publish before deciding: %v", err)
	}
	win, err := s.Decide(ctx, cands[0].ID, DecisionWinner, "jury@balk.dk")
	if err != nil || win.DecidedBy != "jury@balk.dk" || win.DecidedAt == nil || win.JuryNote != "Imponerende eksport" {
		t.Fatalf("decide: %+v %v", win, err)
	}
	if _, err := s.Decide(ctx, cands[1].ID, DecisionWinner, "jury@balk.dk"); !errors.Is(err, ErrOneWinner) {
		t.Fatalf("two winners: %v", err)
	}
	s.Decide(ctx, cands[1].ID, DecisionGazelle, "jury@balk.dk")
	// Evaluating again keeps the jury's work.
	if _, err := s.Evaluate(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	if e, _ := s.Entry(ctx, win.ID); e.Decision != DecisionWinner || e.JuryNote == "" {
		t.Fatalf("re-evaluation lost the decision: %+v", e)
	}
	if list, _ := s.PublishedLists(ctx); len(list) != 0 {
		t.Fatal("unpublished winners are public")
	}
	if _, err := s.Publish(ctx, r.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Decide(ctx, cands[1].ID, DecisionRejected, "x"); !errors.Is(err, ErrPublished) {
		t.Fatalf("changing a published round: %v", err)
	}
	list, _ := s.PublishedLists(ctx)
	if len(list) != 2 || list[0].CompanyName != "Raket A/S" || !list[0].Winner || list[1].CompanyID != fast.ID {
		t.Fatalf("published: %+v", list)
	}
	hist, _ := s.History(ctx, faster.ID)
	if len(hist) != 1 || hist[0].Decision != DecisionWinner || !hist[0].Published {
		t.Fatalf("history: %+v", hist)
	}
	// The nytårskur from the template, and the slides, winner last.
	cph, _ := time.LoadLocation("Europe/Copenhagen")
	l := i18n.Localizer{Lang: "da", Catalog: i18n.MustLoad()}
	ev, err := s.CreateNewYear(ctx, r.ID, NewYearTemplate{Theme: "Grøn omstilling"}, l, cph)
	if err != nil || ev.Kind != event.KindNewYear || ev.StartsAt.In(cph).Format("2006-01-02 15.04") != "2025-01-09 17.00" ||
		!strings.Contains(ev.Title, "2025") || len(ev.Agenda) != 4 {
		t.Fatalf("nytårskur: %+v %v", ev, err)
	}
	if rr, _ := s.RoundForEvent(ctx, ev.ID); rr == nil || rr.Year != 2024 {
		t.Fatalf("round of the event: %+v", rr)
	}
	slides, _ := s.Presentation(ctx, r.ID)
	if len(slides) != 2 || !slides[1].Winner || len(slides[1].Points) != 4 {
		t.Fatalf("slides: %+v", slides)
	}
	guests, _ := s.Guests(ctx, r.ID)
	if len(guests) != 2 || guests[0].Registered != "" {
		t.Fatalf("guests: %+v", guests)
	}
}

// TestDiplomaIsOnePageWithTheWinner renders a winner's diploma and reads
// it back with pdfcpu: one page, the company's name on it.
func TestDiplomaIsOnePageWithTheWinner(t *testing.T) {
	st := storetest.New(t)
	ctx := context.Background()
	reg := company.NewService(st)
	s := NewService(st, event.NewService(st, "balk.dk"))
	c := addCompany(t, reg, "Raket A/S", "61126228", "A/S", []int64{1_500_000, 2_500_000, 4_000_000, 6_000_000})
	r, _ := s.CreateRound(ctx, 2024)
	s.Evaluate(ctx, r.ID)
	es, _ := s.Entries(ctx, EntryQuery{RoundID: r.ID})
	if _, err := s.Decide(ctx, es[0].ID, DecisionWinner, "jury"); err != nil {
		t.Fatal(err)
	}
	d, err := s.Diplomas(ctx, r.ID, es[0].ID, setting.Defaults(), i18n.Localizer{Lang: "da", Catalog: i18n.MustLoad()})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(d.Filename, ".pdf") || !bytes.HasPrefix(d.Data, []byte("%PDF-")) {
		t.Fatalf("file %s", d.Filename)
	}
	conf := model.NewDefaultConfiguration()
	n, err := api.PageCount(bytes.NewReader(d.Data), conf)
	if err != nil || n != 1 {
		t.Fatalf("pages: %d %v", n, err)
	}
	pctx, err := api.ReadAndValidate(bytes.NewReader(d.Data), conf)
	if err != nil {
		t.Fatal(err)
	}
	content, err := pdfcpu.ExtractPageContent(pctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	text, _ := io.ReadAll(content)
	if !bytes.Contains(text, []byte("(Raket A/S)")) || !bytes.Contains(text, []byte("2024")) {
		t.Fatalf("page content:\n%s", text)
	}
	_ = c
}
