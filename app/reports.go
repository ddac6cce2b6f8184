package app

import (
	"encoding/base64"
	"fmt"

	"convene/internal/audit"
	"convene/internal/i18n"
	"convene/internal/registration"
	"convene/internal/report"
	"convene/internal/table"
)

// Reports are the overview, the reports, a company's engagement, the
// audit log and the retention job.
type Reports struct{ call }

// Overview is the start page's figures and tasks.
func (r *Reports) Overview() (report.Overview, error) { return r.deps.Reports.Overview(r.ctx) }

// Names lists the reports.
func (r *Reports) Names() []string { return report.Names }

// Run runs one report.
func (r *Reports) Run(name string, f report.Filter) (report.Table, error) {
	return r.deps.Reports.Run(r.ctx, name, f)
}

// Export writes one report as "csv" or "xlsx", with translated headings.
func (r *Reports) Export(name string, f report.Filter, format string) (FileData, error) {
	t, err := r.deps.Reports.Run(r.ctx, name, f)
	if err != nil {
		return FileData{}, err
	}
	st, err := r.deps.Settings.Get(r.ctx)
	if err != nil {
		return FileData{}, err
	}
	l := i18n.Localizer{Lang: st.DefaultLanguage, Catalog: r.deps.Catalog}
	rows := [][]string{{}}
	for _, c := range t.Columns {
		rows[0] = append(rows[0], l.T("report.col."+c))
	}
	for _, row := range t.Rows {
		var out []string
		for _, v := range row {
			out = append(out, fmt.Sprint(v))
		}
		rows = append(rows, out)
	}
	f2, err := table.Write("rapport-"+name, format, rows)
	if err != nil {
		return FileData{}, err
	}
	return FileData{Filename: f2.Filename, ContentType: f2.ContentType, DataBase64: base64.StdEncoding.EncodeToString(f2.Data)}, nil
}

// Engagement is a company's part in the events and invitations.
func (r *Reports) Engagement(companyID int64) (report.Engagement, error) {
	return r.deps.Reports.Engagement(r.ctx, companyID)
}

// Audit lists the audit log, newest first; admins only.
func (r *Reports) Audit(q audit.Query) ([]audit.Entry, error) {
	if err := r.actor.RequireAdmin(); err != nil {
		return nil, err
	}
	return audit.List(r.ctx, r.deps.Store.R(r.ctx), q)
}

// RetentionPreview tells what the next retention run will anonymise.
func (r *Reports) RetentionPreview() (registration.RetentionPreview, error) {
	st, err := r.deps.Settings.Get(r.ctx)
	if err != nil {
		return registration.RetentionPreview{}, err
	}
	return r.deps.Registrations.PreviewRetention(r.ctx, st.Retention())
}

// RunRetention anonymises now what the retention setting says is due;
// admins only.
func (r *Reports) RunRetention() (registration.RetentionPreview, error) {
	if err := r.actor.RequireAdmin(); err != nil {
		return registration.RetentionPreview{}, err
	}
	st, err := r.deps.Settings.Get(r.ctx)
	if err != nil {
		return registration.RetentionPreview{}, err
	}
	return r.deps.Registrations.Anonymise(r.ctx, st.Retention())
}
