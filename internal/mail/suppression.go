package mail

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Suppression is an address no marketing mail goes to.
type Suppression struct {
	Address   string    `json:"address"`
	Reason    string    `json:"reason"`
	Detail    string    `json:"detail"`
	CreatedAt time.Time `json:"createdAt"`
}

// TableName is the suppression list.
func (Suppression) TableName() string { return "mail_suppressions" }

// Suppress adds an address to the suppression list (or keeps the first
// reason it was added for).
func (o *Outbox) Suppress(ctx context.Context, address, reason, detail string) error {
	err := o.store.W(ctx).Exec(`INSERT INTO mail_suppressions (address, reason, detail, created_at) VALUES (?, ?, ?, ?)
		ON CONFLICT(address) DO NOTHING`, strings.ToLower(address), reason, oneLine(detail), o.now()).Error
	if err != nil {
		return fmt.Errorf("suppress %s: %w", address, err)
	}
	return nil
}

// Suppressed reports whether marketing mail to address is suppressed.
func (o *Outbox) Suppressed(ctx context.Context, address string) (bool, error) {
	var n int64
	err := o.store.R(ctx).Model(&Suppression{}).Where("address = ?", strings.ToLower(address)).Count(&n).Error
	return n > 0, err
}

// Suppressions lists the suppression list, newest first.
func (o *Outbox) Suppressions(ctx context.Context) ([]Suppression, error) {
	out := []Suppression{}
	err := o.store.R(ctx).Order("created_at DESC").Find(&out).Error
	return out, err
}

// Unsuppress removes an address from the list.
func (o *Outbox) Unsuppress(ctx context.Context, address string) error {
	return o.store.W(ctx).Where("address = ?", strings.ToLower(address)).Delete(&Suppression{}).Error
}

// ForAddress lists the messages sent (or to be sent) to address.
func (o *Outbox) ForAddress(ctx context.Context, address string) ([]Summary, error) {
	out := []Summary{}
	err := o.store.R(ctx).Model(&Message{}).Where("to_address = ?", strings.ToLower(address)).Order("id").Find(&out).Error
	return out, err
}

// SuppressionOf returns the address's suppression, or nil.
func (o *Outbox) SuppressionOf(ctx context.Context, address string) (*Suppression, error) {
	var s []Suppression
	if err := o.store.R(ctx).Where("address = ?", strings.ToLower(address)).Find(&s).Error; err != nil {
		return nil, err
	}
	if len(s) == 0 {
		return nil, nil
	}
	return &s[0], nil
}

// Erase removes a person from the outbox: their messages keep their state
// and dates for the statistics, but lose the address, name, subject,
// bodies and attachments; the address leaves the suppression list.
func (o *Outbox) Erase(ctx context.Context, address string) (int64, error) {
	address = strings.ToLower(address)
	var n int64
	err := o.store.Tx(ctx, func(ctx context.Context) error {
		db := o.store.W(ctx)
		ids := db.Model(&Message{}).Select("id").Where("to_address = ?", address)
		if err := db.Exec("DELETE FROM mail_attachments WHERE message_id IN (?)", ids).Error; err != nil {
			return err
		}
		if err := db.Exec("UPDATE mail_contents SET text_body = '', html_body = '', headers = '{}' WHERE message_id IN (?)", ids).Error; err != nil {
			return err
		}
		res := db.Exec("UPDATE mail_messages SET to_address = 'erased-' || id || '@erased.invalid', to_name = '', subject = '', ref = '' WHERE to_address = ?", address)
		if res.Error != nil {
			return res.Error
		}
		n = res.RowsAffected
		return db.Where("address = ?", address).Delete(&Suppression{}).Error
	})
	return n, err
}
