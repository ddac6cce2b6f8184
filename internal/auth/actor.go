package auth

import "convene/internal/i18n"

// Role is what a staff user may do.
type Role string

// The roles: admins also manage users and backups.
const (
	RoleAdmin Role = "admin"
	RoleStaff Role = "staff"
)

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return r == RoleAdmin || r == RoleStaff }

// Actor is who a service call acts for: a signed-in user in serve mode, or
// the local desktop user.
type Actor struct {
	UserID  int64  `json:"userId"`
	Email   string `json:"email"`
	Name    string `json:"name"`
	Role    Role   `json:"role"`
	Desktop bool   `json:"desktop"`
}

// DesktopActor is the local user of the desktop app, who needs no login and
// owns the database on their machine.
func DesktopActor() Actor {
	return Actor{Name: "desktop user", Role: RoleAdmin, Desktop: true}
}

// ActorFor returns the actor of a signed-in user.
func ActorFor(u User) Actor {
	return Actor{UserID: u.ID, Email: u.Email, Name: u.Name, Role: u.Role}
}

// Label names the actor in audit trails.
func (a Actor) Label() string {
	if a.Desktop {
		return "desktop user"
	}
	if a.Email != "" {
		return a.Email
	}
	return "system"
}

// ErrForbidden is returned when the actor's role does not allow a call.
var ErrForbidden = i18n.NewError("error.forbidden", nil)

// RequireAdmin returns ErrForbidden unless the actor is an admin.
func (a Actor) RequireAdmin() error {
	if a.Role != RoleAdmin {
		return ErrForbidden
	}
	return nil
}
