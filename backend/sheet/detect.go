package sheet

import (
	"archive/zip"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"

	"directdesk/backend/marketing"
)

// Open inspects a file by its content (the extension only colours messages)
// and returns a Book: a CSV saved as .xls is read as CSV, an .xlsx that is
// really an old .xls is refused with advice. Errors are *marketing.Error:
// ENotFound; ETooLarge with Details reason "file" (size_mb, limit_mb) or
// "unpacked" (limit_mb); EInvalid for a bad Options.Encoding or Delimiter;
// EUnsupportedFile with Details["reason"] one of empty, legacy_xls,
// encrypted, xlsb, numbers, pdf, image, archive, document, web_page,
// not_spreadsheet, damaged. Close the Book when done.
func Open(path string, opt Options) (b Book, err error) {
	defer func() {
		if r := recover(); r != nil {
			b, err = nil, recovered(r)
		}
	}()
	opt = opt.withDefaults()
	fi, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, &marketing.Error{Code: marketing.ENotFound, Message: "DirectDesk cannot find the file. It may have been moved, renamed or deleted; pick it again.", Err: err}
	case err != nil:
		return nil, &marketing.Error{Code: marketing.EInvalid, Message: "DirectDesk cannot open the file. Check that it is not open in another program with a lock, then try again.", Err: err}
	case fi.IsDir() && strings.EqualFold(filepath.Ext(path), ".numbers"):
		return nil, numbersFile()
	case fi.IsDir():
		return nil, notSpreadsheet()
	case fi.Size() == 0:
		return nil, unsupported("empty", "The file is empty. Check that you picked the right file, or save the spreadsheet again and retry.")
	case fi.Size() > opt.MaxBytes:
		return nil, tooBig(opt.MaxBytes, fi.Size())
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, &marketing.Error{Code: marketing.EInvalid, Message: "DirectDesk cannot open the file. Check that it is not open in another program with a lock, then try again.", Err: err}
	}
	head := make([]byte, 8<<10)
	n, _ := io.ReadFull(f, head)
	head = head[:n]
	var reason *marketing.Error
	if bytes.HasPrefix(head, oleMagic) {
		reason = oleFile(f)
	} else {
		reason = notTabular(head)
	}
	f.Close()
	if reason != nil {
		return nil, reason
	}
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) || bytes.HasPrefix(head, []byte("PK\x05\x06")) {
		return openZip(path, fi.Size(), opt)
	}
	return openCSV(path, fi.Size(), opt)
}

var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// notTabular recognises files by their first bytes that are surely not a
// table we can read, and says what to do instead.
func notTabular(head []byte) *marketing.Error {
	has := func(p string) bool { return bytes.HasPrefix(head, []byte(p)) }
	switch {
	case has("%PDF"):
		return unsupported("pdf", "This is a PDF document, which holds no table DirectDesk can read. Export the list from the program that made it as Excel (.xlsx) or CSV instead.")
	case has("\x89PNG"), has("\xFF\xD8\xFF"), has("GIF87a"), has("GIF89a"), has("II*\x00"), has("MM\x00*"),
		has("RIFF") && len(head) >= 12 && string(head[8:12]) == "WEBP",
		len(head) >= 12 && string(head[4:8]) == "ftyp":
		return unsupported("image", "This is a picture or video, not a spreadsheet. Pick the Excel, LibreOffice or CSV file that holds your list.")
	case has("\x1F\x8B"), has("7z\xBC\xAF\x27\x1C"), has("Rar!\x1A\x07"), has("\xFD7zXZ\x00"):
		return unsupported("archive", "This is a compressed archive, not a spreadsheet. Unpack it first and pick the spreadsheet inside.")
	case has("{\\rtf"):
		return documentFile()
	}
	t := bytes.TrimLeft(bytes.TrimPrefix(head, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n")
	if bytes.HasPrefix(t, []byte("<")) {
		l := bytes.ToLower(t)
		if bytes.Contains(l, []byte("<html")) || bytes.Contains(l, []byte("<table")) || bytes.Contains(l, []byte("<!doctype html")) ||
			bytes.Contains(l, []byte("urn:schemas-microsoft-com:office:spreadsheet")) || bytes.Contains(l, []byte("office:document")) {
			return unsupported("web_page", "This file is a web page or an XML spreadsheet that only looks like a spreadsheet file. Open it in Excel or LibreOffice and save it as Excel Workbook (.xlsx), then import that file.")
		}
	}
	return nil
}

// oleFile tells apart what hides in Microsoft's old compound file format:
// password-protected .xlsx files (their streams are named EncryptionInfo and
// EncryptedPackage), Word documents and old .xls workbooks. The stream names
// are UTF-16 in the file's directory; finding them by a byte search is far
// simpler than walking the directory's sector chains and is just as sure.
func oleFile(f *os.File) *marketing.Error {
	names := map[string][]byte{}
	for _, n := range []string{"EncryptedPackage", "EncryptionInfo", "WordDocument", "Workbook", "PowerPoint Document"} {
		names[n] = utf16le(n)
	}
	found := map[string]bool{}
	if _, err := f.Seek(0, io.SeekStart); err == nil {
		buf := make([]byte, 0, 1<<20+64)
		chunk := make([]byte, 1<<20)
		for {
			n, err := f.Read(chunk)
			buf = append(buf, chunk[:n]...)
			for k, p := range names {
				if bytes.Contains(buf, p) {
					found[k] = true
				}
			}
			if err != nil || found["EncryptedPackage"] || found["EncryptionInfo"] {
				break
			}
			buf = append(buf[:0], buf[max(len(buf)-64, 0):]...)
		}
	}
	switch {
	case found["EncryptedPackage"] || found["EncryptionInfo"]:
		return unsupported("encrypted", "The file is protected with a password. Open it in Excel or LibreOffice, remove the password (Excel: File > Info > Protect Workbook > Encrypt with Password, clear it; LibreOffice: File > Properties > Security) and save it again as .xlsx, then import that file.")
	case found["WordDocument"]:
		return documentFile()
	case found["PowerPoint Document"]:
		return notSpreadsheet()
	}
	return unsupported("legacy_xls", "This is an old Excel file (.xls), which DirectDesk cannot read. Open it in Excel or LibreOffice and save it as Excel Workbook (.xlsx) or LibreOffice Spreadsheet (.ods), then import that file.")
}

func utf16le(s string) []byte {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return b
}

func numbersFile() *marketing.Error {
	return unsupported("numbers", "This is an Apple Numbers file. In Numbers choose File > Export To > Excel, then import the .xlsx file.")
}

func documentFile() *marketing.Error {
	return unsupported("document", "This is a text document, not a spreadsheet. Copy the table into Excel or LibreOffice Calc, save it as .xlsx and import that file.")
}

func notSpreadsheet() *marketing.Error {
	return unsupported("not_spreadsheet", "DirectDesk cannot read this file: it is not a spreadsheet or a text file with a list. Save your list as Excel Workbook (.xlsx), LibreOffice Spreadsheet (.ods) or CSV and try again.")
}

// zipped is a zip archive being opened: its directory, what closes it, and
// how excelize opens the same bytes.
type zipped struct {
	z      *zip.Reader
	closer io.Closer
	size   int64
	excel  func(excelize.Options) (*excelize.File, error)
}

func openZip(path string, size int64, opt Options) (Book, error) {
	z, err := zip.OpenReader(path)
	if err != nil {
		return nil, damaged(err)
	}
	return openZipped(zipped{z: &z.Reader, closer: z, size: size,
		excel: func(o excelize.Options) (*excelize.File, error) { return excelize.OpenFile(path, o) }}, opt)
}

// openZipped tells the zipped formats apart by the parts they contain.
func openZipped(zf zipped, opt Options) (Book, error) {
	switch kind := zipKind(zf.z); kind {
	case "xlsx":
		return openXLSX(zf, opt)
	case "ods":
		return openODS(zf, opt)
	default:
		zf.closer.Close()
		switch kind {
		case "numbers":
			return nil, numbersFile()
		case "document":
			return nil, documentFile()
		case "office":
			return nil, notSpreadsheet()
		}
	}
	return nil, unsupported("archive", "This is a zip archive, not a spreadsheet. Unpack it first and pick the spreadsheet inside.")
}

func zipKind(z *zip.Reader) string {
	var hasContent bool
	for _, f := range z.File {
		n := strings.ToLower(strings.ReplaceAll(f.Name, `\`, "/"))
		switch {
		case strings.HasPrefix(n, "xl/"):
			return "xlsx"
		case strings.HasPrefix(n, "word/"):
			return "document"
		case strings.HasPrefix(n, "ppt/"):
			return "office"
		case strings.HasPrefix(n, "index/") && strings.HasSuffix(n, ".iwa"), n == "index.zip":
			return "numbers"
		case n == "content.xml":
			hasContent = true
		}
	}
	mt := readMimetype(z)
	switch {
	case strings.HasPrefix(mt, "application/vnd.oasis.opendocument.spreadsheet"):
		return "ods"
	case strings.HasPrefix(mt, "application/vnd.oasis.opendocument.text"):
		return "document"
	case strings.HasPrefix(mt, "application/vnd.oasis.opendocument"):
		return "office"
	case mt == "" && hasContent:
		return "ods" // a mimetype entry is required, but be lenient
	}
	return ""
}

func readMimetype(z *zip.Reader) string {
	f := findPart(z, "mimetype")
	if f == nil {
		return ""
	}
	rc, err := f.Open()
	if err != nil {
		return ""
	}
	defer rc.Close()
	b, _ := io.ReadAll(io.LimitReader(rc, 256))
	return strings.TrimSpace(string(b))
}
