package company

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"

	"convene/internal/i18n"
	"convene/internal/store"

	"gorm.io/gorm"
)

// Cluster is one of the policy's business clusters.
type Cluster string

// The clusters of the business policy.
const (
	ClusterIT          Cluster = "it"
	ClusterFinance     Cluster = "finance"
	ClusterLifeScience Cluster = "lifescience"
	ClusterOther       Cluster = "other"
)

// Clusters lists the clusters in the order the UI shows them.
var Clusters = []Cluster{ClusterIT, ClusterFinance, ClusterLifeScience, ClusterOther}

// Forms lists the company forms that matter to the department.
var Forms = []string{"A/S", "ApS", "IVS", "I/S", "K/S", "P/S", "enkeltmandsvirksomhed", "forening", "andet"}

// Company is one company of the register.
type Company struct {
	ID         int64     `json:"id"`
	CVR        *string   `json:"cvr"`
	Name       string    `json:"name"`
	Form       string    `json:"form"`
	BranchCode string    `json:"branchCode"`
	Cluster    Cluster   `json:"cluster"`
	Area       string    `json:"area"`
	Address    string    `json:"address"`
	Postcode   string    `json:"postcode"`
	City       string    `json:"city"`
	Employees  *int      `json:"employees"`
	Website    string    `json:"website"`
	Symbiosis  bool      `json:"symbiosis"`
	Notes      string    `json:"notes"`
	PNumbers   []string  `json:"pNumbers" gorm:"-"`
	Tags       []string  `json:"tags" gorm:"-"`
	Contacts   int64     `json:"contacts" gorm:"-"`
	CreatedAt  time.Time `json:"createdAt"`
	UpdatedAt  time.Time `json:"updatedAt"`
}

type companyRow struct {
	Company
	NameKey string
}

func (companyRow) TableName() string { return "companies" }

// Errors of the register.
var (
	ErrNotFound = i18n.NewError("company.error.not_found", nil)
)

// Service keeps the register.
type Service struct {
	store *store.Store
	now   func() time.Time
}

// NewService returns the register on st.
func NewService(st *store.Store) *Service {
	return &Service{store: st, now: func() time.Time { return time.Now().UTC() }}
}

// nameKey is the lower-cased name the register sorts and searches by.
func nameKey(name string) string { return strings.ToLower(strings.Join(strings.Fields(name), " ")) }

var (
	branchPattern = regexp.MustCompile(`^\d{6}$`)
	postPattern   = regexp.MustCompile(`^\d{4}$`)
)

// normalize tidies what people type or paste.
func normalize(c Company) Company {
	c.Name = strings.Join(strings.Fields(c.Name), " ")
	if c.CVR != nil {
		n := NormalizeCVR(*c.CVR)
		if n == "" {
			c.CVR = nil
		} else {
			c.CVR = &n
		}
	}
	for _, f := range []*string{&c.Form, &c.BranchCode, &c.Area, &c.Address, &c.Postcode, &c.City, &c.Website} {
		*f = strings.TrimSpace(*f)
	}
	c.Notes = strings.TrimSpace(c.Notes)
	if c.Cluster == "" {
		c.Cluster = ClusterOther
	}
	c.Tags = cleanTags(c.Tags)
	var ps []string
	for _, p := range c.PNumbers {
		if p = strings.ReplaceAll(strings.TrimSpace(p), " ", ""); p != "" {
			ps = append(ps, p)
		}
	}
	c.PNumbers = ps
	return c
}

func cleanTags(tags []string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, t := range tags {
		t = strings.ToLower(strings.Join(strings.Fields(t), " "))
		if t != "" && !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	sort.Strings(out)
	return out
}

// validate checks a normalised company and reports every field.
func validate(c Company) error {
	var v i18n.Validation
	switch {
	case c.Name == "":
		v.Add("name", "error.required", nil)
	case len([]rune(c.Name)) > 200:
		v.Add("name", "error.too_long", map[string]any{"max": 200})
	case strings.ContainsFunc(c.Name, unicode.IsControl):
		v.Add("name", "error.control_chars", nil)
	}
	if c.CVR != nil && !ValidCVR(*c.CVR) {
		v.Add("cvr", "company.error.cvr", nil)
	}
	for _, p := range c.PNumbers {
		if !ValidPNumber(p) {
			v.Add("pNumbers", "company.error.p_number", map[string]any{"value": p})
		}
	}
	if c.BranchCode != "" && !branchPattern.MatchString(c.BranchCode) {
		v.Add("branchCode", "company.error.branch_code", nil)
	}
	known := false
	for _, k := range Clusters {
		known = known || k == c.Cluster
	}
	if !known {
		v.Add("cluster", "company.error.cluster", nil)
	}
	if c.Postcode != "" && !postPattern.MatchString(c.Postcode) {
		v.Add("postcode", "company.error.postcode", nil)
	}
	if c.Employees != nil && (*c.Employees < 0 || *c.Employees > 1000000) {
		v.Add("employees", "company.error.employees", nil)
	}
	if c.Website != "" {
		u, err := url.Parse(c.Website)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			v.Add("website", "company.error.website", nil)
		}
	}
	for _, f := range []struct {
		name, value string
		max         int
	}{{"form", c.Form, 40}, {"area", c.Area, 80}, {"address", c.Address, 200}, {"city", c.City, 80}, {"notes", c.Notes, 5000}} {
		if len([]rune(f.value)) > f.max {
			v.Add(f.name, "error.too_long", map[string]any{"max": f.max})
		}
	}
	for _, t := range c.Tags {
		if len([]rune(t)) > 40 {
			v.Add("tags", "error.too_long", map[string]any{"max": 40})
		}
	}
	return v.Err()
}

// Save creates (ID 0) or updates a company with its P-numbers and tags.
// A CVR number already in the register is refused with the other
// company's name, so staff can open it instead.
func (s *Service) Save(ctx context.Context, in Company) (Company, error) {
	c := normalize(in)
	if err := validate(c); err != nil {
		return Company{}, err
	}
	err := s.store.Tx(ctx, func(ctx context.Context) error {
		db := s.store.W(ctx)
		if c.CVR != nil {
			var other companyRow
			err := db.Where("cvr = ? AND id <> ?", *c.CVR, c.ID).Take(&other).Error
			if err == nil {
				e := i18n.NewError("error.validation", nil)
				e.Fields = map[string]i18n.Message{"cvr": {Key: "company.error.cvr_taken", Params: map[string]any{"name": other.Name, "id": other.ID}}}
				return e
			}
			if !errors.Is(err, gorm.ErrRecordNotFound) {
				return err
			}
		}
		now := s.now()
		c.UpdatedAt = now
		row := companyRow{Company: c, NameKey: nameKey(c.Name)}
		if c.ID == 0 {
			row.CreatedAt = now
			if err := db.Create(&row).Error; err != nil {
				return err
			}
		} else {
			res := db.Model(&companyRow{}).Where("id = ?", c.ID).Select("*").Omit("id", "created_at").Updates(&row)
			if res.Error != nil {
				return res.Error
			}
			if res.RowsAffected == 0 {
				return ErrNotFound
			}
		}
		c.ID = row.ID
		return s.saveChildren(ctx, c)
	})
	if err != nil {
		return Company{}, fmt.Errorf("save company %q: %w", c.Name, err)
	}
	return s.Get(ctx, c.ID)
}

func (s *Service) saveChildren(ctx context.Context, c Company) error {
	db := s.store.W(ctx)
	if err := db.Exec("DELETE FROM company_tags WHERE company_id = ?", c.ID).Error; err != nil {
		return err
	}
	for _, t := range c.Tags {
		if err := db.Exec("INSERT INTO company_tags (company_id, tag) VALUES (?, ?)", c.ID, t).Error; err != nil {
			return err
		}
	}
	if err := db.Exec("DELETE FROM company_p_numbers WHERE company_id = ?", c.ID).Error; err != nil {
		return err
	}
	for _, p := range c.PNumbers {
		var owner int64
		db.Raw("SELECT company_id FROM company_p_numbers WHERE p_number = ?", p).Scan(&owner)
		if owner != 0 {
			e := i18n.NewError("error.validation", nil)
			e.Fields = map[string]i18n.Message{"pNumbers": {Key: "company.error.p_number_taken", Params: map[string]any{"value": p}}}
			return e
		}
		if err := db.Exec("INSERT INTO company_p_numbers (company_id, p_number) VALUES (?, ?)", c.ID, p).Error; err != nil {
			return err
		}
	}
	return nil
}

// Get returns one company with its P-numbers, tags and contact count.
func (s *Service) Get(ctx context.Context, id int64) (Company, error) {
	var row companyRow
	err := s.store.R(ctx).Take(&row, id).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		return Company{}, ErrNotFound
	}
	if err != nil {
		return Company{}, fmt.Errorf("load company %d: %w", id, err)
	}
	c := row.Company
	db := s.store.R(ctx)
	c.Tags, c.PNumbers = []string{}, []string{}
	if err := db.Raw("SELECT tag FROM company_tags WHERE company_id = ? ORDER BY tag", id).Scan(&c.Tags).Error; err != nil {
		return Company{}, err
	}
	if err := db.Raw("SELECT p_number FROM company_p_numbers WHERE company_id = ? ORDER BY p_number", id).Scan(&c.PNumbers).Error; err != nil {
		return Company{}, err
	}
	if err := db.Raw("SELECT count(*) FROM contacts WHERE company_id = ?", id).Scan(&c.Contacts).Error; err != nil {
		return Company{}, err
	}
	return c, nil
}

// Delete removes a company; its contacts stay, without a company.
func (s *Service) Delete(ctx context.Context, id int64) error {
	res := s.store.W(ctx).Exec("DELETE FROM companies WHERE id = ?", id)
	if res.Error != nil {
		return fmt.Errorf("delete company %d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return ErrNotFound
	}
	return nil
}
