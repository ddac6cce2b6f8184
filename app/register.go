package app

import (
	"convene/internal/company"
)

// Companies is the staff UI's view of the business register.
type Companies struct{ call }

// List returns one page of companies.
func (c *Companies) List(q company.Query) (company.Page, error) {
	return c.deps.Register.List(c.ctx, q)
}

// Get returns one company.
func (c *Companies) Get(id int64) (company.Company, error) { return c.deps.Register.Get(c.ctx, id) }

// Save creates or updates a company.
func (c *Companies) Save(in company.Company) (company.Company, error) {
	return c.deps.Register.Save(c.ctx, in)
}

// Delete removes a company; its contacts stay.
func (c *Companies) Delete(id int64) error { return c.deps.Register.Delete(c.ctx, id) }

// Options lists the choices the company form offers.
func (c *Companies) Options() (company.Options, error) { return c.deps.Register.Options(c.ctx) }

// Contacts is the staff UI's view of the register's people.
type Contacts struct{ call }

// List returns one page of contacts.
func (c *Contacts) List(q company.ContactQuery) (company.ContactPage, error) {
	return c.deps.Register.ListContacts(c.ctx, q)
}

// Get returns one contact.
func (c *Contacts) Get(id int64) (company.Contact, error) {
	return c.deps.Register.GetContact(c.ctx, id)
}

// Save creates or updates a contact.
func (c *Contacts) Save(in company.Contact) (company.Contact, error) {
	return c.deps.Register.SaveContact(c.ctx, in)
}

// Delete removes a contact.
func (c *Contacts) Delete(id int64) error { return c.deps.Register.DeleteContact(c.ctx, id) }

// Consents returns a contact's consent history, newest first.
func (c *Contacts) Consents(id int64) ([]company.Consent, error) {
	return c.deps.Register.Consents(c.ctx, id)
}

// GiveConsent records marketing consent given by the contact.
func (c *Contacts) GiveConsent(id int64, source, wordingVersion string) (company.Consent, error) {
	return c.deps.Register.GiveConsent(c.ctx, id, source, wordingVersion)
}

// WithdrawConsent records that the contact withdrew their consent.
func (c *Contacts) WithdrawConsent(id int64, how string) error {
	return c.deps.Register.WithdrawConsent(c.ctx, id, how)
}

// Merge folds the duplicate company dropID into keepID.
func (c *Companies) Merge(keepID, dropID int64) (company.Company, error) {
	return c.deps.Register.MergeCompanies(c.ctx, keepID, dropID)
}

// Merge folds the duplicate contact dropID into keepID.
func (c *Contacts) Merge(keepID, dropID int64) (company.Contact, error) {
	return c.deps.Register.MergeContacts(c.ctx, keepID, dropID)
}

// Financials returns a company's annual figures, oldest first.
func (c *Companies) Financials(id int64) ([]company.Financial, error) {
	return c.deps.Register.Financials(c.ctx, id)
}

// SaveFinancial stores one year's figures of a company.
func (c *Companies) SaveFinancial(f company.Financial) (company.Financial, error) {
	return c.deps.Register.SaveFinancial(c.ctx, f)
}

// DeleteFinancial removes one year's figures.
func (c *Companies) DeleteFinancial(id int64) error {
	return c.deps.Register.DeleteFinancial(c.ctx, id)
}
