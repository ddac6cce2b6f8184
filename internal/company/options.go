package company

import (
	"context"

	"convene/internal/setting"
)

// Options are the choices the company form and filters offer.
type Options struct {
	Clusters []Cluster `json:"clusters"`
	Forms    []string  `json:"forms"`
	Areas    []string  `json:"areas"`
	// Tags are the tags in use, most used first.
	Tags []string `json:"tags"`
}

// Options returns the form's choices; the areas come from Settings.
func (s *Service) Options(ctx context.Context) (Options, error) {
	st, err := setting.NewService(s.store).Get(ctx)
	if err != nil {
		return Options{}, err
	}
	o := Options{Clusters: Clusters, Forms: Forms, Areas: st.BusinessAreas, Tags: []string{}}
	if o.Areas == nil {
		o.Areas = []string{}
	}
	err = s.store.R(ctx).Raw("SELECT tag FROM company_tags GROUP BY tag ORDER BY count(*) DESC, tag LIMIT 200").Scan(&o.Tags).Error
	return o, err
}
