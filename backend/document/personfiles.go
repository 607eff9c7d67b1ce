package document

import (
	"os"
	"path/filepath"
	"regexp"
)

// perPersonFile is the name Generate gives each recipient's PDF in a
// one-PDF-per-recipient folder: a running number and the person's name.
var perPersonFile = regexp.MustCompile(`^[0-9]{5}-(.+)\.pdf$`)

// PersonFiles lists the PDFs in a one-PDF-per-recipient run folder that
// were made for a person called name (their DisplayName when the run was
// made). An erasure deletes them. Someone else with the same name in the
// same run shares the file name pattern; both are listed, which errs on
// the side of deleting.
func PersonFiles(folder, name string) []string {
	want := fileSafe(name)
	entries, err := os.ReadDir(folder)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		m := perPersonFile.FindStringSubmatch(e.Name())
		if e.Type().IsRegular() && m != nil && m[1] == want {
			out = append(out, filepath.Join(folder, e.Name()))
		}
	}
	return out
}
