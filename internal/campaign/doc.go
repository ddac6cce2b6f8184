// Package campaign sends the department's mailings: invitations to an
// event, newsletters and follow-ups to segments of the register, lawfully
// (marketing consent, the suppression list, an unsubscribe link in every
// mail) and through the outbox. It also keeps the invitations' answers,
// the unsubscribe links and the newsletter's double opt-in.
package campaign
