package company

import (
	"context"
	"strconv"
	"strings"

	"convene/internal/table"
)

// File is an exported file.
type File = table.File

var companyHeader = []string{"CVR", "Navn", "Selskabsform", "Branchekode", "Klynge", "Område", "Adresse", "Postnr", "By",
	"Ansatte", "Hjemmeside", "Symbiosen", "Tags", "Kontaktpersoner"}

func companyRecord(c Company) []string {
	cvr, employees := "", ""
	if c.CVR != nil {
		cvr = *c.CVR
	}
	if c.Employees != nil {
		employees = strconv.Itoa(*c.Employees)
	}
	sym := "nej"
	if c.Symbiosis {
		sym = "ja"
	}
	return []string{cvr, c.Name, c.Form, c.BranchCode, string(c.Cluster), c.Area, c.Address, c.Postcode, c.City,
		employees, c.Website, sym, strings.Join(c.Tags, ", "), strconv.FormatInt(c.Contacts, 10)}
}

var contactHeader = []string{"Navn", "E-mail", "Telefon", "Stilling", "Virksomhed", "Sprog", "Samtykke", "Spærret"}

func contactRecord(c Contact) []string {
	consent := "nej"
	if c.Consent.Active() {
		consent = "ja"
	}
	return []string{c.Name, c.Email, c.Phone, c.JobTitle, c.CompanyName, c.Language, consent, c.Suppressed}
}

// ExportCompanies writes every company matching q as CSV or XLSX.
func (s *Service) ExportCompanies(ctx context.Context, q Query, format string) (File, error) {
	return s.exportCompanies(ctx, q, format, "virksomheder")
}

func (s *Service) exportCompanies(ctx context.Context, q Query, format, name string) (File, error) {
	rows := [][]string{companyHeader}
	q.After, q.PageSize = "", 200
	for {
		p, err := s.List(ctx, q)
		if err != nil {
			return File{}, err
		}
		for _, c := range p.Items {
			rows = append(rows, companyRecord(c))
		}
		if p.Next == "" {
			break
		}
		q.After = p.Next
	}
	return writeTable(name, format, rows)
}

// ExportContacts writes every contact matching q as CSV or XLSX.
func (s *Service) ExportContacts(ctx context.Context, q ContactQuery, format string) (File, error) {
	return s.exportContacts(ctx, q, format, "kontaktpersoner")
}

func (s *Service) exportContacts(ctx context.Context, q ContactQuery, format, name string) (File, error) {
	rows := [][]string{contactHeader}
	q.After, q.PageSize = "", 200
	for {
		p, err := s.ListContacts(ctx, q)
		if err != nil {
			return File{}, err
		}
		for _, c := range p.Items {
			rows = append(rows, contactRecord(c))
		}
		if p.Next == "" {
			break
		}
		q.After = p.Next
	}
	return writeTable(name, format, rows)
}

// ExportSegment writes a segment's members, in name order.
func (s *Service) ExportSegment(ctx context.Context, id int64, format string) (File, error) {
	seg, err := s.segment(ctx, id)
	if err != nil {
		return File{}, err
	}
	name := "segment-" + slug(seg.Name)
	if seg.Target == "contacts" {
		return s.exportContacts(ctx, ContactQuery{SegmentID: id}, format, name)
	}
	return s.exportCompanies(ctx, Query{SegmentID: id}, format, name)
}

func slug(s string) string {
	s = strings.ToLower(s)
	return strings.Map(func(r rune) rune {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r == 'æ' || r == 'ø' || r == 'å' {
			return r
		}
		return '-'
	}, s)
}

// writeTable writes rows, the header first, as CSV or XLSX.
func writeTable(name, format string, rows [][]string) (File, error) {
	return table.Write(name, format, rows)
}
