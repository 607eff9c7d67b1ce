package app

// Privacy is bound for the Privacy screen and the privacy parts of other
// screens: consent rules, do-not-contact registers, bought and rented
// lists, the suppression list, a person's data (export, erase, retention)
// and the audit log. Its methods live in privacy_*.go by area.
type Privacy struct {
	app *App
}
