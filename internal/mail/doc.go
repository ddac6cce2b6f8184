// Package mail is how Convene sends e-mail. Every message is a row in a
// durable outbox, written in the same transaction as the change that causes
// it; a worker delivers the outbox over SMTP with go-mail at a rate the
// mail server tolerates, retries temporary failures, suppresses addresses
// that bounce, and resumes after a crash. Mails are rendered from embedded
// templates in the recipient's language.
package mail
