package app

import (
	"slices"

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

// Export writes a report's table as shown on the screen, as "csv" or
// "xlsx": head is the translated headings and rows the values, names and
// codes already in words (lang), numbers as numbers.
func (r *Reports) Export(name, format, lang string, head []string, rows [][]any) (FileData, error) {
	if !slices.Contains(report.Names, name) {
		return FileData{}, i18n.NewError("error.report_unknown", map[string]any{"name": name})
	}
	for _, row := range rows {
		if len(row) != len(head) {
			return FileData{}, i18n.NewError("error.report_export_shape", nil)
		}
	}
	return fileData(table.WriteValues("rapport-"+name, format, lang, head, rows))
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
