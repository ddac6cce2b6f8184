package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

//go:embed locales/*.json
var localeFS embed.FS

// Default is the language used when nothing else is known.
const Default = "da"

// Languages lists the supported languages, Danish first.
var Languages = []string{"da", "en"}

// Catalog maps language → flattened key → message.
type Catalog struct {
	messages map[string]map[string]string
}

// Load reads the embedded catalogs.
func Load() (*Catalog, error) {
	c := &Catalog{messages: map[string]map[string]string{}}
	for _, lang := range Languages {
		raw, err := localeFS.ReadFile("locales/" + lang + ".json")
		if err != nil {
			return nil, fmt.Errorf("read catalog %s: %w", lang, err)
		}
		var tree map[string]any
		if err := json.Unmarshal(raw, &tree); err != nil {
			return nil, fmt.Errorf("parse catalog %s: %w", lang, err)
		}
		flat := map[string]string{}
		flatten("", tree, flat)
		c.messages[lang] = flat
	}
	return c, nil
}

// MustLoad is Load for program start-up, where a broken embedded catalog is
// a build defect.
func MustLoad() *Catalog {
	c, err := Load()
	if err != nil {
		panic(err)
	}
	return c
}

func flatten(prefix string, tree map[string]any, out map[string]string) {
	for k, v := range tree {
		key := k
		if prefix != "" {
			key = prefix + "." + k
		}
		switch v := v.(type) {
		case map[string]any:
			flatten(key, v, out)
		case string:
			out[key] = v
		}
	}
}

// Keys returns the sorted keys of one language.
func (c *Catalog) Keys(lang string) []string {
	keys := make([]string, 0, len(c.messages[lang]))
	for k := range c.messages[lang] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Has reports whether lang has key.
func (c *Catalog) Has(lang, key string) bool {
	_, ok := c.messages[lang][key]
	return ok
}

// T translates key into lang, filling {name} placeholders from params. A
// missing key falls back to Danish, then to the key itself.
func (c *Catalog) T(lang, key string, params map[string]any) string {
	msg, ok := c.messages[lang][key]
	if !ok {
		msg, ok = c.messages[Default][key]
	}
	if !ok {
		return key
	}
	if len(params) == 0 || !strings.Contains(msg, "{") {
		return msg
	}
	pairs := make([]string, 0, 2*len(params))
	for k, v := range params {
		pairs = append(pairs, "{"+k+"}", fmt.Sprint(v))
	}
	return strings.NewReplacer(pairs...).Replace(msg)
}

// Match picks the supported language for a requested one such as an
// Accept-Language header or a LANG variable ("en-GB,en;q=0.9", "da_DK.UTF-8").
func Match(requested string) string {
	for _, part := range strings.Split(requested, ",") {
		tag := strings.ToLower(strings.TrimSpace(strings.SplitN(part, ";", 2)[0]))
		tag = strings.SplitN(strings.SplitN(tag, "-", 2)[0], "_", 2)[0]
		for _, l := range Languages {
			if tag == l {
				return l
			}
		}
	}
	return Default
}

// Supported reports whether lang is one of Languages.
func Supported(lang string) bool {
	for _, l := range Languages {
		if l == lang {
			return true
		}
	}
	return false
}
