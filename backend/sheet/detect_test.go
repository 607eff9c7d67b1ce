package sheet

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"directdesk/backend/marketing"
)

func TestFilesThatAreNotSpreadsheetsAreRefusedWithAdvice(t *testing.T) {
	junk := make([]byte, 4096)
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range junk {
		junk[i] = byte(rng.IntN(256))
	}
	ole := append(append([]byte{}, oleMagic...), make([]byte, 600)...)
	for _, tc := range []struct {
		name, file string
		data       []byte
		opt        Options
		code       string
		reason     string
	}{
		{"an empty file", "kunder.csv", nil, Options{}, marketing.EUnsupportedFile, "empty"},
		{"a PDF", "kunder.pdf", []byte("%PDF-1.7\n%âãÏÓ\n1 0 obj"), Options{}, marketing.EUnsupportedFile, "pdf"},
		{"a PNG picture", "kunder.png", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), Options{}, marketing.EUnsupportedFile, "image"},
		{"a JPEG photo named .xlsx", "kunder.xlsx", []byte("\xff\xd8\xff\xe0\x00\x10JFIF"), Options{}, marketing.EUnsupportedFile, "image"},
		{"a gzip archive", "kunder.csv.gz", []byte("\x1f\x8b\x08\x00\x00\x00\x00\x00"), Options{}, marketing.EUnsupportedFile, "archive"},
		{"a zip of other files", "kunder.zip", zipBytes(t, map[string]string{"readme.txt": "hi", "kunder.xlsx": "PK"}), Options{}, marketing.EUnsupportedFile, "archive"},
		{"a Word document", "kunder.docx", zipBytes(t, map[string]string{"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}), Options{}, marketing.EUnsupportedFile, "document"},
		{"an OpenDocument text", "kunder.odt", zipBytes(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"}), Options{}, marketing.EUnsupportedFile, "document"},
		{"an Apple Numbers file", "kunder.numbers", zipBytes(t, map[string]string{"Index/Document.iwa": "\x00", "Metadata/Properties.plist": ""}), Options{}, marketing.EUnsupportedFile, "numbers"},
		{"an Excel binary workbook", "kunder.xlsb", zipBytes(t, map[string]string{"[Content_Types].xml": "<Types/>", "xl/workbook.bin": "\x83\x01"}), Options{}, marketing.EUnsupportedFile, "xlsb"},
		{"a web page saved as .xls", "eksport.xls", []byte("<html><body><table><tr><td>Navn</td></tr></table></body></html>"), Options{}, marketing.EUnsupportedFile, "web_page"},
		{"an Excel 2003 XML spreadsheet", "eksport.xls", []byte(`<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">`), Options{}, marketing.EUnsupportedFile, "web_page"},
		{"an old Word document", "brev.doc", append(append(ole[:len(ole):len(ole)], utf16le("WordDocument")...), 0, 0), Options{}, marketing.EUnsupportedFile, "document"},
		{"an encrypted xlsx built by hand", "kunder.xlsx", append(append(ole[:len(ole):len(ole)], utf16le("EncryptedPackage")...), 0, 0), Options{}, marketing.EUnsupportedFile, "encrypted"},
		{"binary junk", "kunder.csv", junk, Options{}, marketing.EUnsupportedFile, "not_spreadsheet"},
		{"a damaged xlsx", "kunder.xlsx", zipBytes(t, map[string]string{"[Content_Types].xml": "<Types", "xl/workbook.xml": "<<<"}), Options{}, marketing.EUnsupportedFile, "damaged"},
		{"a truncated zip", "kunder.xlsx", []byte("PK\x03\x04\x14\x00\x00\x00"), Options{}, marketing.EUnsupportedFile, "damaged"},
		{"a file over the size limit", "kunder.csv", bytes.Repeat([]byte("a;b\n"), 300), Options{MaxBytes: 1000}, marketing.ETooLarge, "file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Open(writeFile(t, tc.file, tc.data), tc.opt)
			e := wantErr(t, err, tc.code, tc.reason)
			if !strings.HasSuffix(e.Message, ".") || strings.Contains(e.Message, "excelize") || strings.Contains(e.Message, "xml") {
				t.Errorf("message for a shop owner? %q", e.Message)
			}
		})
	}
}

func TestMissingFilesAndFoldersAreNotFound(t *testing.T) {
	dir := t.TempDir()
	_, err := Open(filepath.Join(dir, "gone.xlsx"), Options{})
	wantErr(t, err, marketing.ENotFound, "")
	_, err = Open(dir, Options{})
	wantErr(t, err, marketing.EUnsupportedFile, "not_spreadsheet")
	numbers := filepath.Join(dir, "Kunder.numbers")
	os.Mkdir(numbers, 0o700)
	_, err = Open(numbers, Options{})
	wantErr(t, err, marketing.EUnsupportedFile, "numbers")
}

func TestContentDecidesTheFormatNotTheExtension(t *testing.T) {
	xlsx, _ := os.ReadFile(filepath.Join("testdata", "kunder.xlsx"))
	for _, tc := range []struct {
		name, file string
		data       []byte
		format     string
	}{
		{"a CSV saved as .xls by a web shop", "ordrer.xls", []byte("Ordre;Beløb\n1;100\n"), "csv"},
		{"an xlsx without extension", "kunder", xlsx, "xlsx"},
		{"an xlsx named .csv", "kunder.csv", xlsx, "xlsx"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if b := openT(t, writeFile(t, tc.file, tc.data), Options{}); b.Format() != tc.format {
				t.Errorf("format %q, want %q", b.Format(), tc.format)
			}
		})
	}
}
