//go:build race

package sheet

// raceEnabled: the race detector makes big tests ten times slower.
const raceEnabled = true
