package company

import (
	"context"
	"database/sql"
	"fmt"
)

// keep makes an upsert keep the stored value when the file's cell is empty.
func keep(col string) string {
	return col + " = CASE WHEN excluded." + col + " <> '' THEN excluded." + col + " ELSE companies." + col + " END"
}

var upsertCompanyByCVR = `INSERT INTO companies (cvr, name, name_key, form, branch_code, cluster, area, address, postcode, city,
	employees, website, symbiosis, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT(cvr) DO UPDATE SET name = excluded.name, name_key = excluded.name_key, ` +
	keep("form") + ", " + keep("branch_code") + ", " + keep("area") + ", " + keep("address") + ", " + keep("postcode") + ", " +
	keep("city") + ", " + keep("website") + ", " + keep("notes") + `,
	cluster = CASE WHEN excluded.cluster <> 'other' THEN excluded.cluster ELSE companies.cluster END,
	employees = coalesce(excluded.employees, companies.employees),
	symbiosis = max(excluded.symbiosis, companies.symbiosis), updated_at = excluded.updated_at
	RETURNING id`

const upsertContact = `INSERT INTO contacts (name, name_key, email, phone, job_title, company_id, language, created_at, updated_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
	ON CONFLICT(email) DO UPDATE SET name = excluded.name, name_key = excluded.name_key,
	phone = CASE WHEN excluded.phone <> '' THEN excluded.phone ELSE contacts.phone END,
	job_title = CASE WHEN excluded.job_title <> '' THEN excluded.job_title ELSE contacts.job_title END,
	company_id = coalesce(excluded.company_id, contacts.company_id), updated_at = excluded.updated_at`

// apply writes a checked plan in one transaction with prepared statements:
// imports are big, and a row costs one or two statements.
func (s *Service) apply(ctx context.Context, plan []plannedRow, res *ImportResult) error {
	keys, err := s.existingKeys(ctx)
	if err != nil {
		return err
	}
	res.count(plan, keys)
	db, err := s.store.SQLDB()
	if err != nil {
		return err
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	byCVR, err := tx.PrepareContext(ctx, upsertCompanyByCVR)
	if err != nil {
		return err
	}
	defer byCVR.Close()
	contact, err := tx.PrepareContext(ctx, upsertContact)
	if err != nil {
		return err
	}
	defer contact.Close()
	// New rows, the bulk of a first import, take plain inserts; the
	// upserts are for rows the register already holds.
	newCompany, err := tx.PrepareContext(ctx, insertCompany)
	if err != nil {
		return err
	}
	defer newCompany.Close()
	newContact, err := tx.PrepareContext(ctx, insertContact)
	if err != nil {
		return err
	}
	defer newContact.Close()
	tag, err := tx.PrepareContext(ctx, "INSERT OR IGNORE INTO company_tags (company_id, tag) VALUES (?, ?)")
	if err != nil {
		return err
	}
	defer tag.Close()
	now := s.now()
	ids := map[string]int64{}
	for i, p := range plan {
		var companyID *int64
		if p.hasCo {
			c := p.company
			key := "name:" + nameKey(c.Name)
			if c.CVR != nil {
				key = "cvr:" + *c.CVR
			}
			id, done := ids[key]
			if !done {
				if !keys.has(c) {
					id, err = insertNew(ctx, newCompany, c, now)
				} else {
					id, err = s.writeCompany(ctx, tx, byCVR, c, now)
				}
				if err != nil {
					return fmt.Errorf("import row %d: %w", res.Rows[i].Row, err)
				}
				ids[key] = id
				for _, t := range c.Tags {
					if _, err := tag.ExecContext(ctx, id, t); err != nil {
						return err
					}
				}
			}
			companyID = &id
		}
		if p.hasCt {
			ct := p.contact
			stmt := contact
			if !keys.emails[ct.Email] {
				stmt = newContact
			}
			if _, err := stmt.ExecContext(ctx, ct.Name, nameKey(ct.Name), ct.Email, ct.Phone, ct.JobTitle, companyID, ct.Language, now, now); err != nil {
				return fmt.Errorf("import row %d: %w", res.Rows[i].Row, err)
			}
		}
	}
	return tx.Commit()
}

const insertCompany = `INSERT INTO companies (cvr, name, name_key, form, branch_code, cluster, area, address, postcode, city,
	employees, website, symbiosis, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

const insertContact = `INSERT INTO contacts (name, name_key, email, phone, job_title, company_id, language, created_at, updated_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`

// insertNew inserts a company the register does not hold.
func insertNew(ctx context.Context, stmt *sql.Stmt, c Company, now any) (int64, error) {
	var employees any
	if c.Employees != nil {
		employees = *c.Employees
	}
	r, err := stmt.ExecContext(ctx, c.CVR, c.Name, nameKey(c.Name), c.Form, c.BranchCode, c.Cluster, c.Area, c.Address,
		c.Postcode, c.City, employees, c.Website, c.Symbiosis, c.Notes, now, now)
	if err != nil {
		return 0, err
	}
	return r.LastInsertId()
}

// writeCompany inserts or merges one company and returns its id.
func (s *Service) writeCompany(ctx context.Context, tx *sql.Tx, byCVR *sql.Stmt, c Company, now any) (int64, error) {
	var employees any
	if c.Employees != nil {
		employees = *c.Employees
	}
	if c.CVR != nil {
		var id int64
		err := byCVR.QueryRowContext(ctx, *c.CVR, c.Name, nameKey(c.Name), c.Form, c.BranchCode, c.Cluster, c.Area, c.Address,
			c.Postcode, c.City, employees, c.Website, c.Symbiosis, c.Notes, now, now).Scan(&id)
		return id, err
	}
	var id int64
	err := tx.QueryRowContext(ctx, "SELECT id FROM companies WHERE cvr IS NULL AND name_key = ? LIMIT 1", nameKey(c.Name)).Scan(&id)
	if err == nil {
		_, err = tx.ExecContext(ctx, "UPDATE companies SET updated_at = ? WHERE id = ?", now, id)
		return id, err
	}
	if err != sql.ErrNoRows {
		return 0, err
	}
	r, err := tx.ExecContext(ctx, `INSERT INTO companies (name, name_key, form, branch_code, cluster, area, address, postcode, city,
		employees, website, symbiosis, notes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.Name, nameKey(c.Name), c.Form, c.BranchCode, c.Cluster, c.Area, c.Address, c.Postcode, c.City, employees, c.Website, c.Symbiosis, c.Notes, now, now)
	if err != nil {
		return 0, err
	}
	return r.LastInsertId()
}
