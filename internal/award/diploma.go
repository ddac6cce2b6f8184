package award

import (
	"bytes"
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"convene/internal/i18n"
	"convene/internal/setting"

	"github.com/go-pdf/fpdf"
)

// Diploma is a winner's certificate as a file.
type Diploma struct {
	Filename string
	Data     []byte
}

// percent writes a growth the Danish way: 123,4 %.
func percent(g *float64, lang string) string {
	if g == nil {
		return ""
	}
	s := strconv.FormatFloat(*g, 'f', 1, 64)
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s + " %"
}

// Diplomas makes one A4 page per decided entry of a round (Årets Gazelle
// first), or only the entry asked for: the organiser, the year, the
// company and its growth. The PDF is made with go-pdf/fpdf's core fonts,
// whose Windows-1252 encoding holds the Danish letters.
func (s *Service) Diplomas(ctx context.Context, roundID, entryID int64, st setting.Settings, l i18n.Localizer) (Diploma, error) {
	r, err := s.Round(ctx, roundID)
	if err != nil {
		return Diploma{}, err
	}
	es, err := s.decided(ctx, roundID)
	if err != nil {
		return Diploma{}, err
	}
	if entryID != 0 {
		var one []Entry
		for _, e := range es {
			if e.ID == entryID {
				one = append(one, e)
			}
		}
		es = one
	}
	if len(es) == 0 {
		return Diploma{}, ErrNoneDecided
	}
	pdf := fpdf.New("L", "mm", "A4", "")
	pdf.SetCreationDate(time.Date(r.Year+1, time.January, 1, 0, 0, 0, 0, time.UTC))
	pdf.SetTitle(l.T("award.diploma.title", "year", r.Year), true)
	pdf.SetAuthor(st.OrganiserName, true)
	tr := pdf.UnicodeTranslatorFromDescriptor("")
	for _, e := range es {
		pdf.AddPage()
		w, h := pdf.GetPageSize()
		pdf.SetDrawColor(0, 80, 122)
		pdf.SetLineWidth(2)
		pdf.Rect(10, 10, w-20, h-20, "D")
		pdf.SetLineWidth(0.5)
		pdf.Rect(14, 14, w-28, h-28, "D")
		center := func(y, size float64, style, text string) {
			pdf.SetFont("Helvetica", style, size)
			pdf.SetXY(20, y)
			pdf.CellFormat(w-40, size*0.6, tr(text), "", 0, "C", false, 0, "")
		}
		pdf.SetTextColor(0, 80, 122)
		center(32, 16, "", st.OrganiserName)
		pdf.SetTextColor(27, 31, 36)
		title := l.T("award.diploma.gazelle", "year", r.Year)
		if e.Decision == DecisionWinner {
			title = l.T("award.diploma.winner", "year", r.Year)
		}
		center(55, 40, "B", title)
		center(90, 14, "", l.T("award.diploma.awarded_to"))
		center(108, 32, "B", e.CompanyName)
		if g := percent(e.Growth, l.Lang); g != "" {
			center(140, 14, "", l.T("award.diploma.growth", "growth", g, "from", e.Verdict.From, "to", e.Verdict.Year))
		}
		center(160, 12, "I", l.T("award.diploma.definition"))
		pdf.SetLineWidth(0.3)
		pdf.Line(w/2-50, h-34, w/2+50, h-34)
		center(h-32, 11, "", st.OrganiserName+", "+st.Department)
	}
	var buf bytes.Buffer
	if err := pdf.Output(&buf); err != nil {
		return Diploma{}, fmt.Errorf("diploma: %w", err)
	}
	name := fmt.Sprintf("gazelle-diplomer-%d.pdf", r.Year)
	if entryID != 0 {
		name = fmt.Sprintf("gazelle-diplom-%d-%d.pdf", r.Year, es[0].CompanyID)
	}
	return Diploma{Filename: name, Data: buf.Bytes()}, nil
}
