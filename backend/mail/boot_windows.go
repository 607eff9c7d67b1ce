package mail

import (
	"strconv"
	"syscall"
	"time"
)

var getTickCount64 = syscall.NewLazyDLL("kernel32.dll").NewProc("GetTickCount64")

// bootID is the boot time to the minute: the tick count runs through
// sleep, so it stays the same for the whole boot (a clock change across a
// minute boundary only makes recovery more careful, never less).
func bootID() string {
	ms, _, _ := getTickCount64.Call()
	up := time.Duration(ms) * time.Millisecond
	return "windows:" + strconv.FormatInt(time.Now().Add(-up).Unix()/60, 10)
}
