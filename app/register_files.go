package app

import (
	"encoding/base64"
	"errors"
	"fmt"

	"convene/internal/company"
	"convene/internal/i18n"
	"convene/internal/privacy"
)

// FileData is a file passed to or from the staff UI, base64-encoded.
type FileData struct {
	Filename    string `json:"filename"`
	ContentType string `json:"contentType"`
	DataBase64  string `json:"dataBase64"`
}

func fileData(f company.File, err error) (FileData, error) {
	if err != nil {
		return FileData{}, err
	}
	return FileData{Filename: f.Filename, ContentType: f.ContentType, DataBase64: base64.StdEncoding.EncodeToString(f.Data)}, nil
}

// ImportRequest is an uploaded file and, after the first look, the
// column mapping staff chose. An empty mapping uses the suggested one.
type ImportRequest struct {
	File    FileData        `json:"file"`
	Mapping company.Mapping `json:"mapping"`
}

// ImportPreview is what a file holds and what importing it would do.
type ImportPreview struct {
	Format    string               `json:"format"`
	Encoding  string               `json:"encoding"`
	Delimiter string               `json:"delimiter"`
	Header    []string             `json:"header"`
	Sample    [][]string           `json:"sample"`
	Fields    []string             `json:"fields"`
	Mapping   company.Mapping      `json:"mapping"`
	Result    company.ImportResult `json:"result"`
	// Missing names a field that must be given a column before the rows
	// can be checked (Result is then empty): the file's columns are shown
	// so staff can choose.
	Missing string `json:"missing,omitempty"`
}

func (c *Companies) sheet(req ImportRequest) (company.Sheet, company.Mapping, error) {
	data, err := base64.StdEncoding.DecodeString(req.File.DataBase64)
	if err != nil {
		return company.Sheet{}, nil, i18n.Wrap(err, "error.bad_request", nil)
	}
	sh, err := company.ReadSheet(req.File.Filename, data)
	if err != nil {
		return company.Sheet{}, nil, err
	}
	m := req.Mapping
	if len(m) == 0 {
		m = company.SuggestMapping(sh.Header)
	}
	return sh, m, nil
}

// PreviewImport reads a file and dry-runs its import: every row's outcome
// and errors, nothing written.
func (c *Companies) PreviewImport(req ImportRequest) (ImportPreview, error) {
	sh, m, err := c.sheet(req)
	if err != nil {
		return ImportPreview{}, err
	}
	res, err := c.deps.Register.Import(c.ctx, sh, m, true)
	if err != nil {
		return ImportPreview{}, err
	}
	sample := sh.Rows
	if len(sample) > 5 {
		sample = sample[:5]
	}
	return ImportPreview{Format: sh.Format, Encoding: sh.Encoding, Delimiter: sh.Delimiter, Header: sh.Header, Sample: sample,
		Fields: company.ImportFields, Mapping: m, Result: res}, nil
}

// Import imports a file in one transaction; a file with any bad row
// changes nothing.
func (c *Companies) Import(req ImportRequest) (company.ImportResult, error) {
	sh, m, err := c.sheet(req)
	if err != nil {
		return company.ImportResult{}, err
	}
	return c.deps.Register.Import(c.ctx, sh, m, false)
}

// Export writes the companies matching q as "csv" or "xlsx".
func (c *Companies) Export(q company.Query, format string) (FileData, error) {
	return fileData(c.deps.Register.ExportCompanies(c.ctx, q, format))
}

// Export writes the contacts matching q as "csv" or "xlsx".
func (c *Contacts) Export(q company.ContactQuery, format string) (FileData, error) {
	return fileData(c.deps.Register.ExportContacts(c.ctx, q, format))
}

// PersonData returns everything Convene holds about a contact; the export
// is recorded.
func (c *Contacts) PersonData(id int64) (privacy.PersonData, error) {
	return c.deps.Privacy.Export(c.ctx, id, c.actor.Label())
}

// Erase erases a contact for good, with the reason recorded; admins only.
func (c *Contacts) Erase(id int64, reason string) error {
	if err := c.actor.RequireAdmin(); err != nil {
		return err
	}
	return c.deps.Privacy.Erase(c.ctx, id, c.actor.Label(), reason)
}

// Segments are the saved recipient lists.
type Segments struct{ call }

// List returns the segments with their live counts.
func (s *Segments) List() ([]company.Segment, error) { return s.deps.Register.Segments(s.ctx) }

// Save creates or updates a segment.
func (s *Segments) Save(in company.Segment) (company.Segment, error) {
	return s.deps.Register.SaveSegment(s.ctx, in)
}

// Delete removes a segment.
func (s *Segments) Delete(id int64) error { return s.deps.Register.DeleteSegment(s.ctx, id) }

// Count is the live count of a filter while a segment is built.
func (s *Segments) Count(target string, f company.Filter) (int64, error) {
	return s.deps.Register.CountFilter(s.ctx, target, f)
}

// Export writes a segment's members as "csv" or "xlsx".
func (s *Segments) Export(id int64, format string) (FileData, error) {
	return fileData(s.deps.Register.ExportSegment(s.ctx, id, format))
}

// PreviewFinancialImport reads a file of annual figures (CVR, year,
// months, revenue, gross profit, operating result) and dry-runs it.
func (c *Companies) PreviewFinancialImport(req ImportRequest) (ImportPreview, error) {
	sh, m, err := c.financialSheet(req)
	if err != nil {
		return ImportPreview{}, err
	}
	out := ImportPreview{Format: sh.Format, Encoding: sh.Encoding, Delimiter: sh.Delimiter, Header: sh.Header, Sample: sh.Rows[:min(len(sh.Rows), 5)],
		Fields: company.FinancialFields, Mapping: m}
	out.Result, err = c.deps.Register.ImportFinancials(c.ctx, sh, m, true)
	var ie *i18n.Error
	if errors.As(err, &ie) && ie.Key == "company.error.map_field" {
		out.Missing, err = fmt.Sprint(ie.Params["field"]), nil
	}
	if err != nil {
		return ImportPreview{}, err
	}
	return out, nil
}

// ImportFinancials writes a file of annual figures in one transaction; a
// file with any bad row changes nothing.
func (c *Companies) ImportFinancials(req ImportRequest) (company.ImportResult, error) {
	sh, m, err := c.financialSheet(req)
	if err != nil {
		return company.ImportResult{}, err
	}
	return c.deps.Register.ImportFinancials(c.ctx, sh, m, false)
}

func (c *Companies) financialSheet(req ImportRequest) (company.Sheet, company.Mapping, error) {
	suggested := req.Mapping
	req.Mapping = company.Mapping{"_": -1} // keep sheet() from suggesting company columns
	sh, _, err := c.sheet(req)
	if err != nil {
		return company.Sheet{}, nil, err
	}
	if len(suggested) == 0 {
		suggested = company.SuggestFinancialMapping(sh.Header)
	}
	return sh, suggested, nil
}
