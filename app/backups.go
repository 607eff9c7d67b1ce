package app

// Backups is bound for Settings → Backups and the damaged-workspace screen:
// automatic and manual backups, restore, and moving the workspace. Unlike
// the other structs, some of its methods work when the workspace could not
// be opened (a damaged file), so the user can restore a good backup.
type Backups struct {
	app *App
}
