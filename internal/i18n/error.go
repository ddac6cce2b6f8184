package i18n

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Message is a translation key with its parameters.
type Message struct {
	Key    string         `json:"key"`
	Params map[string]any `json:"params,omitempty"`
}

// Error is an error meant for the user: a translation key, its parameters,
// and per-field messages for forms. Err keeps the cause for the log.
type Error struct {
	Message
	Fields map[string]Message
	Err    error
}

// NewError returns an error with a translation key.
func NewError(key string, params map[string]any) *Error {
	return &Error{Message: Message{Key: key, Params: params}}
}

// Wrap returns a user-facing error with key that keeps err as its cause.
func Wrap(err error, key string, params map[string]any) *Error {
	return &Error{Message: Message{Key: key, Params: params}, Err: err}
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(e.Key)
	if len(e.Fields) > 0 {
		names := make([]string, 0, len(e.Fields))
		for f, m := range e.Fields {
			names = append(names, f+": "+m.Key)
		}
		sort.Strings(names)
		fmt.Fprintf(&b, " (%s)", strings.Join(names, ", "))
	}
	if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

func (e *Error) Unwrap() error { return e.Err }

// Validation collects per-field errors of a form.
type Validation struct {
	fields map[string]Message
}

// Add records the first problem of a field.
func (v *Validation) Add(field, key string, params map[string]any) {
	if v.fields == nil {
		v.fields = map[string]Message{}
	}
	if _, seen := v.fields[field]; !seen {
		v.fields[field] = Message{Key: key, Params: params}
	}
}

// Err returns nil when no field failed, or an error with key
// "error.validation" and every field's message.
func (v *Validation) Err() error {
	if len(v.fields) == 0 {
		return nil
	}
	return &Error{Message: Message{Key: "error.validation"}, Fields: v.fields}
}

// Keyed is implemented by domain errors that name their own translation,
// such as the store's open errors.
type Keyed interface {
	Key() string
	Params() map[string]any
}

// Problem is the JSON shape of an error as both transports hand it to the
// frontend: a key to translate, its parameters and per-field messages.
type Problem struct {
	Key     string             `json:"key"`
	Params  map[string]any     `json:"params,omitempty"`
	Fields  map[string]Message `json:"fields,omitempty"`
	Message string             `json:"message"`
}

// Describe turns err into a Problem in lang. The second result is true when
// the error is unexpected, so the caller logs its cause once.
func (c *Catalog) Describe(err error, lang string) (Problem, bool) {
	var ue *Error
	if errors.As(err, &ue) {
		p := Problem{Key: ue.Key, Params: ue.Params, Fields: ue.Fields}
		p.Message = c.T(lang, ue.Key, ue.Params)
		return p, false
	}
	var k Keyed
	if errors.As(err, &k) {
		return Problem{Key: k.Key(), Params: k.Params(), Message: c.T(lang, k.Key(), k.Params())}, false
	}
	return Problem{Key: "error.internal", Message: c.T(lang, "error.internal", nil)}, true
}
