package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"convene/internal/award"
)

// Awards is what the public site needs of the gazelle award.
type Awards interface {
	PublishedLists(ctx context.Context) ([]award.Winner, error)
	RoundForEvent(ctx context.Context, eventID int64) (*award.Round, error)
}

// gazelleRow is a company on the public list.
type gazelleRow struct {
	CompanyName string
	// Winner marks Årets Gazelle.
	Winner     bool
	GrowthText string
}

type gazelleYear struct {
	Year    int
	Winners []gazelleRow
}

// gazelles serves /gazeller: the published gazelle lists by year, newest
// first.
func (s *Server) gazelles(w http.ResponseWriter, r *http.Request) {
	var years []gazelleYear
	if s.cfg.Awards != nil {
		list, err := s.cfg.Awards.PublishedLists(r.Context())
		if err != nil {
			s.cfg.Log.Error("list gazelles", "err", err)
			s.fail(w, r, http.StatusInternalServerError, "error.internal")
			return
		}
		lang := s.requestLang(w, r)
		for _, g := range list {
			if len(years) == 0 || years[len(years)-1].Year != g.Year {
				years = append(years, gazelleYear{Year: g.Year})
			}
			row := gazelleRow{CompanyName: g.CompanyName, Winner: g.Winner}
			if g.Growth != nil {
				row.GrowthText = strconv.FormatFloat(*g.Growth, 'f', 1, 64) + " %"
				if lang != "en" {
					row.GrowthText = strings.Replace(row.GrowthText, ".", ",", 1)
				}
			}
			years[len(years)-1].Winners = append(years[len(years)-1].Winners, row)
		}
	}
	s.render(w, r, http.StatusOK, "gazelles.html", "public.gazelles_title", struct{ Years []gazelleYear }{years})
}
