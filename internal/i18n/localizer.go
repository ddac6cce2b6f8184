package i18n

import "time"

// Localizer translates for one language; templates call
// {{.L.T "key" "name" value ...}}.
type Localizer struct {
	Lang    string
	Catalog *Catalog
}

// T translates key, with parameters given as name, value pairs.
func (l Localizer) T(key string, kv ...any) string {
	var params map[string]any
	if len(kv) > 1 {
		params = make(map[string]any, len(kv)/2)
		for i := 0; i+1 < len(kv); i += 2 {
			if name, ok := kv[i].(string); ok {
				params[name] = kv[i+1]
			}
		}
	}
	return l.Catalog.T(l.Lang, key, params)
}

// Msg translates a message with its parameters.
func (l Localizer) Msg(m Message) string { return l.Catalog.T(l.Lang, m.Key, m.Params) }

// Date writes t in the language's prose style.
func (l Localizer) Date(t time.Time) string { return FormatDate(l.Lang, t) }

// Other is the language a switch offers.
func (l Localizer) Other() string {
	if l.Lang == "da" {
		return "en"
	}
	return "da"
}

// Time writes a clock time in the language's style.
func (l Localizer) Time(t time.Time) string { return FormatTime(l.Lang, t) }

// LongDate writes a date with its weekday in the language's style.
func (l Localizer) LongDate(t time.Time) string { return FormatLongDate(l.Lang, t) }
