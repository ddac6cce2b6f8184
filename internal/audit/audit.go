// Package audit keeps the audit log: who changed what and when. Services
// write their entries with Log inside the transaction that makes the
// change, so the log holds exactly what happened.
package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"
)

type actorKey struct{}

// WithActor names who acts in ctx: a staff member's e-mail, "desktop
// user", "public" or "system".
func WithActor(ctx context.Context, actor string) context.Context {
	return context.WithValue(ctx, actorKey{}, actor)
}

// Actor is who acts in ctx, "system" when no one is named.
func Actor(ctx context.Context) string {
	if a, ok := ctx.Value(actorKey{}).(string); ok && a != "" {
		return a
	}
	return "system"
}

// Entry is one line of the audit log.
type Entry struct {
	ID       int64     `json:"id"`
	At       time.Time `json:"at"`
	Actor    string    `json:"actor"`
	Entity   string    `json:"entity"`
	EntityID int64     `json:"entityId"`
	Action   string    `json:"action"`
	Detail   string    `json:"detail"`
}

// TableName is the audit log table.
func (Entry) TableName() string { return "audit_log" }

// Log writes an entry on db (the caller's transaction): entity and id are
// what changed ("event", 42), action what was done ("cancel"), detail
// anything worth keeping (a string, or a value written as JSON).
func Log(ctx context.Context, db *gorm.DB, entity string, id int64, action string, detail any) error {
	text := ""
	switch d := detail.(type) {
	case nil:
	case string:
		text = d
	default:
		b, err := json.Marshal(d)
		if err != nil {
			return fmt.Errorf("audit detail: %w", err)
		}
		text = string(b)
	}
	if len(text) > 4000 {
		// Cut on a character, not inside a Danish letter.
		cut := 4000
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	return db.Exec("INSERT INTO audit_log (at, actor, entity, entity_id, action, detail) VALUES (?, ?, ?, ?, ?, ?)",
		time.Now().UTC(), Actor(ctx), entity, id, action, text).Error
}

// Query filters the audit log.
type Query struct {
	Entity string `json:"entity"`
	// EntityID with Entity shows one thing's history.
	EntityID int64 `json:"entityId"`
	// Actor matches any part of who acted, in any case: "karen" finds
	// karen@balk.dk.
	Actor string    `json:"actor"`
	From  time.Time `json:"from"`
	To    time.Time `json:"to"`
	Limit int       `json:"limit"`
	// Before pages back: entries with a smaller id.
	Before int64 `json:"before"`
}

// List returns the newest entries matching q.
func List(ctx context.Context, db *gorm.DB, q Query) ([]Entry, error) {
	db = db.Model(&Entry{})
	if q.Entity != "" {
		db = db.Where("entity = ?", q.Entity)
		if q.EntityID != 0 {
			db = db.Where("entity_id = ?", q.EntityID)
		}
	}
	if q.Actor != "" {
		db = db.Where("instr(lower(actor), lower(?)) > 0", strings.TrimSpace(q.Actor))
	}
	if !q.From.IsZero() {
		db = db.Where("at >= ?", q.From)
	}
	if !q.To.IsZero() {
		db = db.Where("at < ?", q.To)
	}
	if q.Before > 0 {
		db = db.Where("id < ?", q.Before)
	}
	if q.Limit <= 0 || q.Limit > 500 {
		q.Limit = 100
	}
	out := []Entry{}
	err := db.Order("id DESC").Limit(q.Limit).Find(&out).Error
	return out, err
}
