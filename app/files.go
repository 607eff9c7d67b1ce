package app

import "directdesk/backend/marketing"

// Files is bound for native file dialogs. In browser mode the frontend shim
// replaces Open with an upload, so the same frontend code works in both.
type Files struct{ app *App }

// Open shows a file dialog and returns the chosen path, "" if cancelled.
func (f *Files) Open(title string, filters []FileFilter) (string, error) {
	if f.app.ui == nil {
		return "", marketing.Errorf(marketing.EInternal, "No window is open to show a file dialog.")
	}
	return f.app.ui.OpenFile(title, filters)
}

// Save shows a save dialog and returns the chosen path, "" if cancelled.
func (f *Files) Save(title, defaultName string, filters []FileFilter) (string, error) {
	if f.app.ui == nil {
		return "", marketing.Errorf(marketing.EInternal, "No window is open to show a file dialog.")
	}
	return f.app.ui.SaveFile(title, defaultName, filters)
}

// ChooseFolder shows a folder dialog and returns the chosen folder, "" if cancelled.
func (f *Files) ChooseFolder(title string) (string, error) {
	if f.app.ui == nil {
		return "", marketing.Errorf(marketing.EInternal, "No window is open to show a folder dialog.")
	}
	return f.app.ui.ChooseFolder(title)
}
