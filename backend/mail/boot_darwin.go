package mail

import (
	"encoding/binary"
	"strconv"

	"golang.org/x/sys/unix"
)

// bootID is kern.boottime (a struct timeval: seconds first).
func bootID() string {
	b, err := unix.SysctlRaw("kern.boottime")
	if err != nil || len(b) < 8 {
		return ""
	}
	return "darwin:" + strconv.FormatUint(binary.LittleEndian.Uint64(b[:8]), 10)
}
