package web

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"

	"convene/internal/auth"
	"convene/internal/i18n"
)

var errorType = reflect.TypeFor[error]()

// rpcTable knows every exported method of every bound service, found once
// by reflection on the same values Wails binds, so serve mode exposes
// exactly what the desktop app exposes and nothing else.
type rpcTable struct {
	factory ServiceFactory
	// index maps service name → method name → method index on the type.
	index map[string]map[string]int
	// slot maps service name → position in the factory's slice.
	slot map[string]int
}

func newRPCTable(f ServiceFactory) *rpcTable {
	t := &rpcTable{factory: f, index: map[string]map[string]int{}, slot: map[string]int{}}
	for i, svc := range f(context.Background(), auth.Actor{}) {
		typ := reflect.TypeOf(svc)
		name := typ.Elem().Name()
		t.slot[name] = i
		t.index[name] = map[string]int{}
		for m := 0; m < typ.NumMethod(); m++ {
			t.index[name][typ.Method(m).Name] = m
		}
	}
	return t
}

// Methods lists "Service.Method" for every callable method.
func (t *rpcTable) Methods() []string {
	var out []string
	for svc, ms := range t.index {
		for m := range ms {
			out = append(out, svc+"."+m)
		}
	}
	return out
}

// rpcCall handles POST /api/rpc/{service}/{method} with the arguments as a
// JSON array, and answers the result as JSON, or a Problem with a status.
func (s *Server) rpcCall(w http.ResponseWriter, r *http.Request) {
	if s.rpc == nil {
		s.fail(w, r, http.StatusNotFound, "error.unknown_method")
		return
	}
	svcName, methodName := r.PathValue("service"), r.PathValue("method")
	mi, ok := s.rpc.index[svcName][methodName]
	if !ok {
		s.fail(w, r, http.StatusNotFound, "error.unknown_method")
		return
	}
	var raw []json.RawMessage
	dec := json.NewDecoder(r.Body)
	if err := dec.Decode(&raw); err != nil {
		if tooLarge(err) {
			s.fail(w, r, http.StatusRequestEntityTooLarge, "error.too_large")
			return
		}
		s.fail(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	svc := reflect.ValueOf(s.rpc.factory(r.Context(), actorFrom(r.Context()))[s.rpc.slot[svcName]])
	method := svc.Method(mi)
	mt := method.Type()
	if len(raw) != mt.NumIn() {
		s.fail(w, r, http.StatusBadRequest, "error.bad_request")
		return
	}
	args := make([]reflect.Value, mt.NumIn())
	for i := range args {
		p := reflect.New(mt.In(i))
		if err := json.Unmarshal(raw[i], p.Interface()); err != nil {
			s.fail(w, r, http.StatusBadRequest, "error.bad_request")
			return
		}
		args[i] = p.Elem()
	}
	out := method.Call(args)
	var result any
	for _, v := range out {
		if v.Type() == errorType {
			if !v.IsNil() {
				s.rpcError(w, v.Interface().(error))
				return
			}
			continue
		}
		result = v.Interface()
	}
	writeJSON(w, http.StatusOK, result)
}

func (s *Server) rpcError(w http.ResponseWriter, err error) {
	status := http.StatusUnprocessableEntity
	var ue *i18n.Error
	var keyed i18n.Keyed
	switch {
	case errors.Is(err, auth.ErrForbidden):
		status = http.StatusForbidden
	case errors.As(err, &ue), errors.As(err, &keyed):
	default:
		status = http.StatusInternalServerError
	}
	problem := s.formatError(err)
	writeJSON(w, status, problem)
}

// formatError describes err for the frontend, logging an unexpected cause
// once (the configured formatter does both).
func (s *Server) formatError(err error) any {
	if s.cfg.FormatError != nil {
		return s.cfg.FormatError(err)
	}
	p, internal := s.cfg.Catalog.Describe(err, i18n.Default)
	if internal {
		s.cfg.Log.Error("service call failed", "err", err)
	}
	return p
}

func (s *Server) problem(key string) i18n.Problem {
	return i18n.Problem{Key: key, Message: s.cfg.Catalog.T(i18n.Default, key, nil)}
}
