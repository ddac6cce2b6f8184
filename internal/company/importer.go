package company

import (
	"context"
	"database/sql"
	"strconv"
	"strings"

	"convene/internal/i18n"
)

// Import fields a column can be mapped to.
var ImportFields = []string{
	"cvr", "name", "form", "branchCode", "cluster", "area", "address", "postcode", "city", "employees", "website",
	"tags", "symbiosis", "notes", "contactName", "contactEmail", "contactPhone", "contactJobTitle",
}

// headerNames are the column titles (lower-case, Danish and English) that
// SuggestMapping recognises.
var headerNames = map[string][]string{
	"cvr": {"cvr", "cvr-nr", "cvr nr", "cvr-nummer", "cvr number"}, "name": {"navn", "virksomhed", "firmanavn", "name", "company"},
	"form": {"selskabsform", "virksomhedsform", "form"}, "branchCode": {"branchekode", "db07", "branch code"},
	"cluster": {"klynge", "cluster"}, "area": {"område", "erhvervsområde", "area"}, "address": {"adresse", "address"},
	"postcode": {"postnr", "postnummer", "postcode", "zip"}, "city": {"by", "city"}, "employees": {"ansatte", "antal ansatte", "employees"},
	"website": {"hjemmeside", "web", "website"}, "tags": {"tags", "mærker"}, "symbiosis": {"symbiosen", "ballerup symbiosen", "symbiosis"},
	"notes": {"noter", "bemærkninger", "notes"}, "contactName": {"kontaktperson", "kontakt", "contact", "contact name"},
	"contactEmail": {"e-mail", "email", "mail"}, "contactPhone": {"telefon", "tlf", "phone"}, "contactJobTitle": {"stilling", "titel", "job title"},
}

// Mapping maps import fields to column indexes; -1 or absent is unmapped.
type Mapping map[string]int

// SuggestMapping guesses the mapping from a header row.
func SuggestMapping(header []string) Mapping {
	m := Mapping{}
	for col, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		for field, names := range headerNames {
			for _, n := range names {
				if _, taken := m[field]; h == n && !taken {
					m[field] = col
				}
			}
		}
	}
	return m
}

func (m Mapping) col(field string) int {
	if c, ok := m[field]; ok {
		return c
	}
	return -1
}

// RowResult is what an import does with one row.
type RowResult struct {
	// Row is the row's line in the file (the header is line 1).
	Row     int           `json:"row"`
	Action  string        `json:"action"` // create, update, skip or error
	Company string        `json:"company"`
	Contact string        `json:"contact"`
	Errors  []ImportError `json:"errors"`
}

// ImportError names the column and the problem.
type ImportError struct {
	Column string         `json:"column"`
	Key    string         `json:"key"`
	Params map[string]any `json:"params,omitempty"`
}

// ImportResult sums up a dry run or an import.
type ImportResult struct {
	DryRun           bool        `json:"dryRun"`
	Applied          bool        `json:"applied"`
	Rows             []RowResult `json:"rows"`
	CompaniesCreated int         `json:"companiesCreated"`
	CompaniesUpdated int         `json:"companiesUpdated"`
	ContactsCreated  int         `json:"contactsCreated"`
	ContactsUpdated  int         `json:"contactsUpdated"`
	Skipped          int         `json:"skipped"`
	Failed           int         `json:"failed"`
	// FinancialsCreated and FinancialsUpdated count the years of a
	// financials file.
	FinancialsCreated int `json:"financialsCreated"`
	FinancialsUpdated int `json:"financialsUpdated"`
}

// plannedRow is a validated row ready to apply.
type plannedRow struct {
	company Company
	hasCo   bool
	contact Contact
	hasCt   bool
}

// Import checks every row of sh under mapping and, unless dryRun or any
// row fails, applies them all in one transaction: companies merge by CVR
// (or, without one, by name), contacts by e-mail. A failed import changes
// nothing.
func (s *Service) Import(ctx context.Context, sh Sheet, m Mapping, dryRun bool) (ImportResult, error) {
	res := ImportResult{DryRun: dryRun, Rows: []RowResult{}}
	if m.col("name") < 0 && m.col("cvr") < 0 && m.col("contactEmail") < 0 {
		return res, i18n.NewError("company.import.no_mapping", nil)
	}
	existing, err := s.existingKeys(ctx)
	if err != nil {
		return res, err
	}
	plan := make([]plannedRow, 0, len(sh.Rows))
	seenCVR, seenEmail, seenName := map[string]int{}, map[string]int{}, map[string]string{}
	for i, rec := range sh.Rows {
		line := i + 2
		rr := RowResult{Row: line}
		p, errs := s.planRow(rec, m, sh.Header)
		if p.hasCo {
			rr.Company = p.company.Name
			if cvr := p.company.CVR; cvr != nil {
				if prev, dup := seenCVR[*cvr]; dup && seenName[*cvr] != nameKey(p.company.Name) {
					errs = append(errs, ImportError{Column: header(sh.Header, m.col("cvr")), Key: "company.import.cvr_twice", Params: map[string]any{"row": prev}})
				} else if !dup {
					seenCVR[*cvr], seenName[*cvr] = line, nameKey(p.company.Name)
				}
				if name, ok := existing.cvrName[*cvr]; ok && name != nameKey(p.company.Name) && p.company.Name != "" {
					errs = append(errs, ImportError{Column: header(sh.Header, m.col("cvr")), Key: "company.import.cvr_other_name", Params: map[string]any{"name": existing.cvrDisplay[*cvr]}})
				}
			}
		}
		if p.hasCt {
			rr.Contact = p.contact.Email
			if prev, dup := seenEmail[p.contact.Email]; dup {
				errs = append(errs, ImportError{Column: header(sh.Header, m.col("contactEmail")), Key: "company.import.email_twice", Params: map[string]any{"row": prev}})
			} else {
				seenEmail[p.contact.Email] = line
			}
		}
		switch {
		case len(errs) > 0:
			rr.Action, rr.Errors = "error", errs
			res.Failed++
		case !p.hasCo && !p.hasCt:
			rr.Action = "skip"
			res.Skipped++
		case p.hasCo && existing.has(p.company), !p.hasCo && existing.emails[p.contact.Email]:
			rr.Action = "update"
		default:
			rr.Action = "create"
		}
		res.Rows = append(res.Rows, rr)
		plan = append(plan, p)
	}
	if res.Failed > 0 || dryRun {
		res.count(plan, existing)
		return res, nil
	}
	if err := s.apply(ctx, plan, &res); err != nil {
		return ImportResult{}, err
	}
	res.Applied = true
	return res, nil
}

func header(h []string, col int) string {
	if col >= 0 && col < len(h) && h[col] != "" {
		return h[col]
	}
	return strconv.Itoa(col + 1)
}

// planRow turns one record into a company and a contact and checks them.
func (s *Service) planRow(rec []string, m Mapping, hdr []string) (plannedRow, []ImportError) {
	get := func(f string) string { return cell(rec, m.col(f)) }
	var p plannedRow
	var errs []ImportError
	c := Company{Name: get("name"), Form: get("form"), BranchCode: get("branchCode"), Cluster: Cluster(strings.ToLower(get("cluster"))),
		Area: get("area"), Address: get("address"), Postcode: get("postcode"), City: get("city"), Website: get("website"), Notes: get("notes")}
	if v := get("cvr"); v != "" {
		c.CVR = &v
	}
	if v := get("employees"); v != "" {
		n, err := strconv.Atoi(strings.ReplaceAll(strings.ReplaceAll(v, ".", ""), " ", ""))
		if err != nil {
			errs = append(errs, ImportError{Column: header(hdr, m.col("employees")), Key: "company.error.employees"})
		} else {
			c.Employees = &n
		}
	}
	if v := get("tags"); v != "" {
		c.Tags = strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' || r == '|' })
	}
	switch strings.ToLower(get("symbiosis")) {
	case "ja", "yes", "x", "1", "true":
		c.Symbiosis = true
	}
	p.hasCo = c.Name != "" || c.CVR != nil
	if p.hasCo {
		c = normalize(c)
		errs = append(errs, columnErrors(validate(c), m, hdr, nil)...)
		p.company = c
	}
	ct := Contact{Name: get("contactName"), Email: get("contactEmail"), Phone: get("contactPhone"), JobTitle: get("contactJobTitle")}
	p.hasCt = ct.Email != "" || ct.Name != ""
	if p.hasCt {
		if ct.Name == "" {
			ct.Name = ct.Email
		}
		ct = normalizeContact(ct)
		errs = append(errs, columnErrors(validateContact(ct), m, hdr, map[string]string{"name": "contactName", "email": "contactEmail", "phone": "contactPhone", "jobTitle": "contactJobTitle"})...)
		p.contact = ct
	}
	return p, errs
}

// columnErrors turns a validation error into errors naming the columns.
func columnErrors(err error, m Mapping, hdr []string, rename map[string]string) []ImportError {
	if err == nil {
		return nil
	}
	ue, ok := err.(*i18n.Error)
	if !ok {
		return []ImportError{{Key: "error.internal"}}
	}
	var out []ImportError
	for field, msg := range ue.Fields {
		if r, ok := rename[field]; ok {
			field = r
		}
		out = append(out, ImportError{Column: header(hdr, m.col(field)), Key: msg.Key, Params: msg.Params})
	}
	return out
}

// registerKeys are what the register already holds, for merging.
type registerKeys struct {
	cvrName    map[string]string // cvr → name key
	cvrDisplay map[string]string
	noCVRName  map[string]bool // name keys of companies without CVR
	emails     map[string]bool
}

func (k registerKeys) has(c Company) bool {
	if c.CVR != nil {
		_, ok := k.cvrName[*c.CVR]
		return ok
	}
	return k.noCVRName[nameKey(c.Name)]
}

func (s *Service) existingKeys(ctx context.Context) (registerKeys, error) {
	k := registerKeys{cvrName: map[string]string{}, cvrDisplay: map[string]string{}, noCVRName: map[string]bool{}, emails: map[string]bool{}}
	rows, err := s.store.R(ctx).Raw("SELECT cvr, name, name_key FROM companies").Rows()
	if err != nil {
		return k, err
	}
	defer rows.Close()
	for rows.Next() {
		var cvr sql.NullString
		var name, key string
		if err := rows.Scan(&cvr, &name, &key); err != nil {
			return k, err
		}
		if cvr.Valid {
			k.cvrName[cvr.String], k.cvrDisplay[cvr.String] = key, name
		} else {
			k.noCVRName[key] = true
		}
	}
	var emails []string
	if err := s.store.R(ctx).Raw("SELECT email FROM contacts").Scan(&emails).Error; err != nil {
		return k, err
	}
	for _, e := range emails {
		k.emails[e] = true
	}
	return k, nil
}

// count fills the summary of a dry run.
func (res *ImportResult) count(plan []plannedRow, k registerKeys) {
	seenCo, seenCt := map[string]bool{}, map[string]bool{}
	for i, p := range plan {
		if res.Rows[i].Action == "error" {
			continue
		}
		if p.hasCo {
			key := "name:" + nameKey(p.company.Name)
			if p.company.CVR != nil {
				key = "cvr:" + *p.company.CVR
			}
			if !seenCo[key] {
				seenCo[key] = true
				if k.has(p.company) {
					res.CompaniesUpdated++
				} else {
					res.CompaniesCreated++
				}
			}
		}
		if p.hasCt && !seenCt[p.contact.Email] {
			seenCt[p.contact.Email] = true
			if k.emails[p.contact.Email] {
				res.ContactsUpdated++
			} else {
				res.ContactsCreated++
			}
		}
	}
}
