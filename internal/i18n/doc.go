// Package i18n holds Convene's translation catalogs (one JSON file per
// language, shared with the Vue frontend) and errors that carry a
// translation key, so every message reaches the user in their language.
package i18n
