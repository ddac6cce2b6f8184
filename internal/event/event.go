package event

import (
	"time"
)

// Kind is what sort of event it is.
type Kind string

// The kinds of event.
const (
	KindNetwork        Kind = "network"
	KindInformation    Kind = "information"
	KindSustainability Kind = "sustainability"
	KindCourse         Kind = "course"
	KindNewYear        Kind = "newyear"
	KindOther          Kind = "other"
)

// Kinds lists the kinds in the order the UI shows them.
var Kinds = []Kind{KindNetwork, KindInformation, KindSustainability, KindCourse, KindNewYear, KindOther}

// Status is where an event is in its life.
type Status string

// The statuses of an event.
const (
	StatusDraft     Status = "draft"
	StatusPublished Status = "published"
	StatusCancelled Status = "cancelled"
	StatusCompleted Status = "completed"
)

// QuestionType is the kind of answer a registration question takes.
type QuestionType string

// The question types.
const (
	QuestionShort  QuestionType = "short"
	QuestionLong   QuestionType = "long"
	QuestionSingle QuestionType = "single"
	QuestionMulti  QuestionType = "multi"
	QuestionYesNo  QuestionType = "yesno"
)

// Question is a custom question on the registration form.
type Question struct {
	ID       string       `json:"id"`
	Label    string       `json:"label"`
	LabelEN  string       `json:"labelEn"`
	Type     QuestionType `json:"type"`
	Required bool         `json:"required"`
	Options  []string     `json:"options"`
}

// AgendaItem is one line of the programme.
type AgendaItem struct {
	Time    string `json:"time"` // "HH:MM", local time
	Title   string `json:"title"`
	Speaker string `json:"speaker"`
}

// Event is one event. Times are stored in UTC.
type Event struct {
	ID                   int64        `json:"id"`
	Slug                 string       `json:"slug"`
	UID                  string       `json:"uid"`
	Sequence             int          `json:"sequence"`
	Kind                 Kind         `json:"kind"`
	Status               Status       `json:"status"`
	Visibility           string       `json:"visibility"` // "public" or "invite"
	Title                string       `json:"title"`
	TitleEN              string       `json:"titleEn" gorm:"column:title_en"`
	Description          string       `json:"description"`
	DescriptionEN        string       `json:"descriptionEn" gorm:"column:description_en"`
	Themes               []string     `json:"themes" gorm:"serializer:json"`
	Track                int          `json:"track"`
	Venue                string       `json:"venue"`
	Address              string       `json:"address"`
	OnlineURL            string       `json:"onlineUrl" gorm:"column:online_url"`
	StartsAt             time.Time    `json:"startsAt"`
	EndsAt               time.Time    `json:"endsAt"`
	Capacity             int          `json:"capacity"`
	SeatsPerCompany      int          `json:"seatsPerCompany"`
	RegistrationOpensAt  *time.Time   `json:"registrationOpensAt"`
	RegistrationDeadline *time.Time   `json:"registrationDeadline"`
	Waitlist             bool         `json:"waitlist"`
	Questions            []Question   `json:"questions" gorm:"serializer:json"`
	Agenda               []AgendaItem `json:"agenda" gorm:"serializer:json"`
	ContactName          string       `json:"contactName"`
	ContactEmail         string       `json:"contactEmail"`
	SeriesID             string       `json:"seriesId"`
	CancelMessage        string       `json:"cancelMessage"`
	// ReminderDays is how many days before the start registrants get a
	// reminder; 0 sends none. Left out (nil), a new event gets
	// DefaultReminderDays and a saved one keeps its value.
	ReminderDays *int `json:"reminderDays"`
	// RemindedAt is when the reminders went out; they go once.
	RemindedAt *time.Time `json:"remindedAt" gorm:"->"`
	// SeatsTaken is the confirmed seats, kept by registrations only.
	SeatsTaken int       `json:"seatsTaken" gorm:"->"`
	CreatedAt  time.Time `json:"createdAt"`
	UpdatedAt  time.Time `json:"updatedAt"`
}

// DefaultReminderDays is when reminders go unless staff choose otherwise.
const DefaultReminderDays = 2

// Reminder is the event's reminder lead in days (0: none).
func (e Event) Reminder() int {
	if e.ReminderDays == nil {
		return DefaultReminderDays
	}
	return *e.ReminderDays
}

// TableName is the events table.
func (Event) TableName() string { return "events" }

// significant reports whether a change matters to attendees' calendars:
// the time or the place.
func significant(before, after Event) bool {
	return !before.StartsAt.Equal(after.StartsAt) || !before.EndsAt.Equal(after.EndsAt) ||
		before.Venue != after.Venue || before.Address != after.Address || before.OnlineURL != after.OnlineURL
}
