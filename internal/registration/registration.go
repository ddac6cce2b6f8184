package registration

import (
	"time"
)

// Status is where a registration stands.
type Status string

// The statuses of a registration.
const (
	StatusConfirmed  Status = "confirmed"
	StatusWaitlisted Status = "waitlisted"
	StatusCancelled  Status = "cancelled"
)

// Attendee is one person of a registration.
type Attendee struct {
	ID             int64      `json:"id"`
	RegistrationID int64      `json:"registrationId"`
	EventID        int64      `json:"eventId"`
	Name           string     `json:"name"`
	Email          string     `json:"email"`
	JobTitle       string     `json:"jobTitle"`
	AttendedAt     *time.Time `json:"attendedAt"`
}

// TableName is the attendees table.
func (Attendee) TableName() string { return "registration_attendees" }

// Registration is one company's registration for one event.
type Registration struct {
	ID               int64          `json:"id"`
	EventID          int64          `json:"eventId"`
	Token            string         `json:"-"`
	CheckinCode      string         `json:"checkinCode"`
	Status           Status         `json:"status"`
	Seats            int            `json:"seats"`
	CompanyName      string         `json:"companyName"`
	CVR              *string        `json:"cvr"`
	CompanyID        *int64         `json:"companyId"`
	Email            string         `json:"email"`
	Lang             string         `json:"lang"`
	Answers          map[string]any `json:"answers" gorm:"serializer:json"`
	MarketingConsent bool           `json:"marketingConsent"`
	Source           string         `json:"source"`
	// Note is staff's own remark; registrants never see it.
	Note string `json:"note"`
	// Invitation is the invitation link's token it was made through.
	Invitation  string     `json:"-"`
	CreatedAt   time.Time  `json:"createdAt"`
	UpdatedAt   time.Time  `json:"updatedAt"`
	CancelledAt *time.Time `json:"cancelledAt"`
	Attendees   []Attendee `json:"attendees" gorm:"foreignKey:RegistrationID"`
	// Position is the place in the waitlist (1 is next), for waitlisted
	// registrations.
	Position int `json:"position" gorm:"-"`
}

// TableName is the registrations table.
func (Registration) TableName() string { return "registrations" }

// AttendeeInput is one person on the form.
type AttendeeInput struct {
	Name     string `json:"name"`
	Email    string `json:"email"`
	JobTitle string `json:"jobTitle"`
}

// Request is a filled-in registration form.
type Request struct {
	EventID          int64           `json:"eventId"`
	CompanyName      string          `json:"companyName"`
	CVR              string          `json:"cvr"`
	Attendees        []AttendeeInput `json:"attendees"`
	Answers          map[string]any  `json:"answers"`
	MarketingConsent bool            `json:"marketingConsent"`
	Lang             string          `json:"lang"`
	// Source is "public", "invitation" or "staff".
	Source string `json:"source"`
	// Invitation is the invitation token that opened an invite-only event.
	Invitation string `json:"invitation"`
	// Note is staff's remark, kept only when staff add the registration.
	Note string `json:"note"`
}
