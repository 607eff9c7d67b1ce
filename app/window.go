package app

import (
	"context"
	"log"
)

// WindowState is the window geometry remembered between sessions.
type WindowState struct {
	Width     int  `json:"width"`
	Height    int  `json:"height"`
	X         int  `json:"x"`
	Y         int  `json:"y"`
	Maximised bool `json:"maximised"`
}

const windowKey = "ui.window"

// WindowSize returns the size to open the window with: the remembered one,
// or a default that fits a small laptop.
func (a *App) WindowSize() (width, height int) {
	if st, ok := a.loadWindowState(); ok && st.Width >= 800 && st.Height >= 560 && st.Width < 10000 && st.Height < 10000 {
		return st.Width, st.Height
	}
	return 1280, 800
}

func (a *App) loadWindowState() (WindowState, bool) {
	var st WindowState
	if a.Workspace.ws == nil {
		return st, false
	}
	ok, err := a.Workspace.ws.DB.GetValue(context.Background(), windowKey, &st)
	return st, ok && err == nil
}

func (a *App) saveWindowState(st WindowState) {
	if a.Workspace.ws == nil || st.Width <= 0 || st.Height <= 0 {
		return
	}
	if err := a.Workspace.ws.DB.SetValue(context.Background(), windowKey, st); err != nil {
		log.Printf("remember window: %v", err)
	}
}
