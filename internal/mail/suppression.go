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
