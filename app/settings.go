package app

import "convene/internal/setting"

// Settings edits the organisation's details and regional choices.
type Settings struct{ call }

// Get returns the current settings.
func (s *Settings) Get() (setting.Settings, error) {
	return s.deps.Settings.Get(s.ctx)
}

// Save validates and stores the settings; admins only.
func (s *Settings) Save(in setting.Settings) (setting.Settings, error) {
	if err := s.actor.RequireAdmin(); err != nil {
		return setting.Settings{}, err
	}
	return s.deps.Settings.Save(s.ctx, in, s.actor.Label())
}

// TimeZones lists the time zones offered in the settings form.
func (s *Settings) TimeZones() ([]string, error) {
	return setting.TimeZones(), nil
}
