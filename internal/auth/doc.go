// Package auth holds staff accounts for serve mode: users with roles,
// argon2id password hashes, server-side sessions with a CSRF token each,
// login throttling, and the Actor that services act for.
package auth
