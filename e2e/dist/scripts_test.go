package dist

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"encoding/xml"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"text/template"
	"unicode/utf16"
)

// The version script turns whatever `git describe` says into a file-name
// version and the four 16-bit numbers Windows demands; a build must never
// fail or lie because of an odd tag.
func TestDistVersion(t *testing.T) {
	cases := []struct{ describe, dist, win string }{
		{"v0.9.0", "0.9.0", "0.9.0.0"},
		{"v0.9.0-12-gabc1234", "0.9.0-12-gabc1234", "0.9.0.12"},
		{"v0.9.0-12-gabc1234-dirty", "0.9.0-12-gabc1234-dirty", "0.9.0.12"},
		{"v1.2.3-rc1-4-gdeadbee", "1.2.3-rc1-4-gdeadbee", "1.2.3.4"},
		{"v2", "2", "2.0.0.0"},
		{"v1.5", "1.5", "1.5.0.0"},
		{"v007.08.09", "007.08.09", "7.8.9.0"},
		{"v1.70000.3", "1.70000.3", "1.65535.3.0"}, // Windows fields are 16 bits
		{"v1.2.3-99999999-gabc1234", "1.2.3-99999999-gabc1234", "1.2.3.65535"},
		// No release tag yet: wails.json's version + the commit count.
		{"ff07575", "0.1.0-141-gff07575", "0.1.0.141"},
		{"ff07575-dirty", "0.1.0-141-gff07575-dirty", "0.1.0.141"},
		{"1234567", "0.1.0-141-g1234567", "0.1.0.141"}, // a hash of digits is not a version
		{"", "0.1.0-141", "0.1.0.141"},
		{"dev", "0.1.0-141", "0.1.0.141"},
		{"v1.2.3 with space", "0.1.0-141", "0.1.0.141"},
		{"release/2024-3-gabc1234", "0.1.0-141", "0.1.0.141"},
	}
	for _, c := range cases {
		out, err := exec.Command("bash", filepath.Join(root, "build", "scripts", "dist-version.sh"), c.describe, "0.1.0", "141").CombinedOutput()
		if err != nil {
			t.Errorf("%q: %v\n%s", c.describe, err, out)
			continue
		}
		f := strings.Fields(string(out))
		if len(f) != 2 || f[0] != c.dist || f[1] != c.win {
			t.Errorf("%q: got %q, want %q %q", c.describe, strings.TrimSpace(string(out)), c.dist, c.win)
		}
	}
	// Without a tag the base version comes from wails.json and odd bases still give numbers.
	for base, want := range map[string]string{"2.1.7": "2.1.7.5", "3": "3.0.0.5", "beta": "0.1.0.5"} {
		out, err := exec.Command("bash", filepath.Join(root, "build", "scripts", "dist-version.sh"), "abcdef1", base, "5").CombinedOutput()
		if err != nil || !strings.HasSuffix(strings.TrimSpace(string(out)), " "+want) {
			t.Errorf("base %q: got %q (%v), want Windows version %s", base, out, err, want)
		}
	}
}

// Every message of ours in the installer exists in all five languages of the app.
func TestInstallerLanguages(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(root, "build", "windows", "installer.nsi"))
	if err != nil {
		t.Fatal(err)
	}
	langs := []string{"ENGLISH", "DANISH", "SWEDISH", "NORWEGIAN", "RUSSIAN"}
	for _, l := range langs {
		if !bytes.Contains(raw, []byte(`!insertmacro MUI_LANGUAGE "`+strings.ToUpper(l[:1])+strings.ToLower(l[1:])+`"`)) {
			t.Errorf("installer lacks MUI_LANGUAGE %s", l)
		}
	}
	have := map[string]map[string]string{}
	re := regexp.MustCompile(`(?m)^LangString (\w+) \$\{LANG_(\w+)\} "(.*)"$`)
	for _, m := range re.FindAllStringSubmatch(string(raw), -1) {
		if have[m[1]] == nil {
			have[m[1]] = map[string]string{}
		}
		have[m[1]][m[2]] = m[3]
	}
	used := regexp.MustCompile(`\$\((DD_\w+)\)`).FindAllStringSubmatch(string(raw), -1)
	if len(used) == 0 {
		t.Fatal("no $(DD_...) strings used: the pattern no longer matches the script")
	}
	for _, u := range used {
		for _, l := range langs {
			if strings.TrimSpace(have[u[1]][l]) == "" {
				t.Errorf("%s has no %s text", u[1], l)
			}
		}
	}
	// The promise the uninstaller makes must be kept by its code.
	un := raw[bytes.Index(raw, []byte(`Section "Uninstall"`)):]
	for _, bad := range []string{"$APPDATA", "RMDir /r", "Delete /r"} {
		if bytes.Contains(un, []byte(bad)) {
			t.Errorf("the uninstaller section uses %s: it must never touch the user's workspace", bad)
		}
	}
}

// The resource parsers read untrusted bytes in principle; they must not panic.
func FuzzResources(f *testing.F) {
	if b, err := os.ReadFile(filepath.Join(root, "build", "windows", "icon.ico")); err == nil && len(b) > 256 {
		f.Add(b[:256])
	}
	f.Add([]byte("MZ"))
	f.Add(versionSample())
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = parseVersion(data)
		if pf, err := pe.NewFile(bytes.NewReader(data)); err == nil {
			_, _ = readResources(pf)
		}
	})
}

// versionSample is a small valid VS_VERSIONINFO block (file version 1.2.3.4)
// for the fuzzer to start from.
func versionSample() []byte {
	key := utf16.Encode([]rune("VS_VERSION_INFO\x00"))
	b := make([]byte, 6, 96)
	for _, c := range key {
		b = binary.LittleEndian.AppendUint16(b, c)
	}
	for len(b)%4 != 0 {
		b = append(b, 0)
	}
	fixed := []uint32{0xFEEF04BD, 0x00010000, 1<<16 | 2, 3<<16 | 4, 1<<16 | 2, 3<<16 | 4, 0x3f, 0, 0x40004, 1, 0, 0, 0}
	for _, v := range fixed {
		b = binary.LittleEndian.AppendUint32(b, v)
	}
	binary.LittleEndian.PutUint16(b, uint16(len(b)))
	binary.LittleEndian.PutUint16(b[2:], 52)
	return b
}

func TestParseVersionSample(t *testing.T) {
	v, err := parseVersion(versionSample())
	if err != nil {
		t.Fatal(err)
	}
	file, _, err := v.fixedVersion()
	if v.Key != "VS_VERSION_INFO" || err != nil || file != "1.2.3.4" {
		t.Fatalf("key %q file %q err %v", v.Key, file, err)
	}
	for _, bad := range [][]byte{nil, {1, 0}, {0xff, 0xff, 0, 0, 0, 0}, {6, 0, 0xff, 0xff, 1, 0}} {
		if v, err := parseVersion(bad); err == nil {
			if _, _, err := v.fixedVersion(); err == nil {
				t.Errorf("%x parsed as a version", bad)
			}
		}
	}
}

// The macOS Info.plist is a Wails template: it must render (as `wails build`
// does with text/template) into a property list with the keys a Mac needs.
func TestMacInfoPlist(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(root, "build", "darwin", "Info.plist"))
	if err != nil {
		t.Fatal(err)
	}
	tpl, err := template.New("plist").Parse(string(raw))
	if err != nil {
		t.Fatalf("wails could not read the template: %v", err)
	}
	var buf bytes.Buffer
	data := map[string]any{"Info": map[string]string{"ProductName": "DirectDesk", "ProductVersion": "0.9.0", "Comments": "c", "Copyright": "© 2026 DirectDesk"}, "OutputFilename": "directdesk-desktop"}
	if err := tpl.Execute(&buf, data); err != nil {
		t.Fatal(err)
	}
	// Read the top-level dict as key -> value (string or <true/>).
	dec := xml.NewDecoder(&buf)
	dec.Strict = true
	dec.Entity = xml.HTMLEntity
	keys := map[string]string{}
	var key, elem string
	depth := 0
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("Info.plist is not well-formed XML: %v", err)
		}
		switch v := tok.(type) {
		case xml.StartElement:
			depth++
			elem = v.Name.Local
			if depth == 3 && (elem == "true" || elem == "false") {
				keys[key] = elem
			}
		case xml.EndElement:
			depth--
		case xml.CharData:
			if depth == 3 && elem == "key" {
				key = string(v)
			} else if depth == 3 && elem == "string" {
				keys[key] = string(v)
			}
		}
	}
	want := map[string]string{
		"CFBundleIdentifier":         "com.directdesk.app",
		"CFBundleExecutable":         "directdesk-desktop",
		"CFBundleShortVersionString": "0.9.0",
		"CFBundleVersion":            "0.9.0",
		"CFBundleIconFile":           "iconfile", // wails writes iconfile.icns from build/appicon.png
		"LSApplicationCategoryType":  "public.app-category.business",
		"NSHighResolutionCapable":    "true",
		"CFBundlePackageType":        "APPL",
		"LSMinimumSystemVersion":     "12.0.0",
	}
	for k, v := range want {
		if keys[k] != v {
			t.Errorf("%s = %q, want %q", k, keys[k], v)
		}
	}
}
