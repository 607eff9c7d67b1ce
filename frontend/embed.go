// Package frontend embeds the built user interface (frontend/dist, made by
// `npm run build`) so the desktop and the headless binary serve the same files.
package frontend

import "embed"

// Dist holds the files Vite wrote to frontend/dist.
//
//go:embed all:dist
var Dist embed.FS
