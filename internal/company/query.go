package company

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"
	"unicode"

	"gorm.io/gorm"
)

// pageCursor marks where a page ended: the sort key and id of its last row.
// Pages continue from it (keyset paging), so page 500 costs what page 1
// costs.
type pageCursor struct {
	Key string `json:"k"`
	ID  int64  `json:"i"`
}

func encodeCursor(c pageCursor) string {
	raw, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(raw)
}

func decodeCursor(s string) (pageCursor, bool) {
	var c pageCursor
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || json.Unmarshal(raw, &c) != nil {
		return pageCursor{}, false
	}
	return c, true
}

// prefixRange returns the bounds that select keys starting with prefix,
// so the search uses the index instead of LIKE.
func prefixRange(prefix string) (string, string) {
	return prefix, prefix + "\U0010FFFF"
}

// searchKind tells how a search box entry is meant.
func searchKind(s string) (kind, value string) {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return "", ""
	case strings.Contains(s, "@"):
		return "email", strings.ToLower(s)
	}
	if n := NormalizeCVR(s); n != "" && len(n) <= 10 && strings.IndexFunc(n, func(r rune) bool { return !unicode.IsDigit(r) }) < 0 {
		return "number", n
	}
	return "name", nameKey(s)
}

// sortColumn returns the column a list sorts by and the key of a row in it.
func sortColumn(sort string) (string, func(name string, created time.Time) string) {
	if sort == "created" {
		return "created_at", func(_ string, t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }
	}
	return "name_key", func(name string, _ time.Time) string { return nameKey(name) }
}

// keyset adds the cursor condition and order of a keyset page.
func keyset(db *gorm.DB, table, col string, desc bool, after string) *gorm.DB {
	op, dir := ">", "ASC"
	if desc {
		op, dir = "<", "DESC"
	}
	if c, ok := decodeCursor(after); ok {
		db = db.Where("("+table+"."+col+", "+table+".id) "+op+" (?, ?)", cursorValue(col, c.Key), c.ID)
	}
	return db.Order(table + "." + col + " " + dir + ", " + table + ".id " + dir)
}

func cursorValue(col, key string) any {
	if col == "created_at" {
		if t, err := time.Parse(time.RFC3339Nano, key); err == nil {
			return t
		}
	}
	return key
}

func pageSize(n int) int {
	if n <= 0 || n > 200 {
		return 50
	}
	return n
}

// ftsQuery turns search words into an FTS5 query where every word must
// start a word of the name: `"novo"* "nord"*`.
func ftsQuery(s string) string {
	var terms []string
	for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		terms = append(terms, `"`+strings.ReplaceAll(w, `"`, `""`)+`"*`)
	}
	if len(terms) == 0 {
		return `""`
	}
	return strings.Join(terms, " ")
}

// fetchPage reads one keyset page of rows into out (size+1 rows are read to
// know whether another page follows) and returns the cursor of the next.
func fetchPage[R any](db *gorm.DB, table, sort string, desc bool, after string, size int, key func(R) (string, time.Time, int64)) ([]R, string, error) {
	col, keyOf := sortColumn(sort)
	var rows []R
	if err := keyset(db, table, col, desc, after).Limit(size + 1).Find(&rows).Error; err != nil {
		return nil, "", err
	}
	if len(rows) <= size {
		return rows, "", nil
	}
	rows = rows[:size]
	name, created, id := key(rows[size-1])
	return rows, encodeCursor(pageCursor{Key: keyOf(name, created), ID: id}), nil
}
