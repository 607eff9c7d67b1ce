package dist

import (
	"bytes"
	"crypto/sha256"
	"debug/pe"
	"encoding/binary"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// root is the repository, two levels above this package.
var root = filepath.Join("..", "..")

// built describes one dist run; the dist scripts write build/dist/<os>.json.
type built struct {
	Version    string `json:"version"`
	WinVersion string `json:"winVersion"`
	App        string `json:"app"`
	Setup      string `json:"setup"`
	Archive    string `json:"archive"`
}

// required: `make test-dist` sets it so a missing file fails instead of skipping.
func required() bool { return os.Getenv("DIRECTDESK_DIST_REQUIRED") != "" }

func loadBuilt(t *testing.T, name, how string) built {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(root, "build", "dist", name+".json"))
	if err != nil {
		if required() {
			t.Fatalf("build/dist/%s.json missing after the dist build: %v", name, err)
		}
		t.Skipf("no build/dist/%s.json: run `%s` first (`make test` does)", name, how)
	}
	var b built
	if err := json.Unmarshal(raw, &b); err != nil {
		t.Fatalf("build/dist/%s.json: %v", name, err)
	}
	return b
}

// wailsInfo is the product information the resources must carry.
func wailsInfo(t *testing.T) map[string]string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(root, "wails.json"))
	if err != nil {
		t.Fatal(err)
	}
	var w struct {
		Info map[string]string `json:"info"`
	}
	if err := json.Unmarshal(raw, &w); err != nil {
		t.Fatal(err)
	}
	return w.Info
}

func openPE(t *testing.T, path string) (*pe.File, []resource) {
	t.Helper()
	f, err := pe.Open(filepath.Join(root, path))
	if err != nil {
		t.Fatalf("%s is not a PE file: %v", path, err)
	}
	t.Cleanup(func() { f.Close() })
	res, err := readResources(f)
	if err != nil {
		t.Fatalf("%s: resources: %v", path, err)
	}
	return f, res
}

func find(res []resource, typ, id uint32) *resource {
	for i := range res {
		if res[i].Type == typ && (id == 0 || res[i].ID == id) {
			return &res[i]
		}
	}
	return nil
}

func subsystem(f *pe.File) uint16 {
	switch oh := f.OptionalHeader.(type) {
	case *pe.OptionalHeader64:
		return oh.Subsystem
	case *pe.OptionalHeader32:
		return oh.Subsystem
	}
	return 0
}

// versionOf checks the RT_VERSION resource and returns its strings.
func versionOf(t *testing.T, res []resource, winVersion string) map[string]string {
	t.Helper()
	r := find(res, rtVersion, 1)
	if r == nil {
		t.Fatal("no RT_VERSION resource with ID 1")
	}
	v, err := parseVersion(r.Data)
	if err != nil {
		t.Fatalf("RT_VERSION: %v", err)
	}
	if v.Key != "VS_VERSION_INFO" {
		t.Fatalf("RT_VERSION key %q, want VS_VERSION_INFO", v.Key)
	}
	file, product, err := v.fixedVersion()
	if err != nil {
		t.Fatal(err)
	}
	if file != winVersion || product != winVersion {
		t.Errorf("fixed file/product version %s/%s, want %s", file, product, winVersion)
	}
	return v.strings()
}

func TestWindowsApp(t *testing.T) {
	b := loadBuilt(t, "windows", "make dist-windows")
	f, res := openPE(t, b.App)

	if f.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
		t.Errorf("machine %#x, want x86-64 (%#x)", f.Machine, pe.IMAGE_FILE_MACHINE_AMD64)
	}
	if _, ok := f.OptionalHeader.(*pe.OptionalHeader64); !ok {
		t.Errorf("optional header %T, want PE32+", f.OptionalHeader)
	}
	if s := subsystem(f); s != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		t.Errorf("subsystem %d, want Windows GUI (%d): a console window would open beside the app", s, pe.IMAGE_SUBSYSTEM_WINDOWS_GUI)
	}
	if f.Characteristics&pe.IMAGE_FILE_EXECUTABLE_IMAGE == 0 {
		t.Error("not marked as an executable image")
	}

	// A user's PC has no MinGW runtime: the exe may only import DLLs that
	// every Windows 10/11 has. (pe.File.ImportedLibraries is not implemented
	// for PE; the symbols name their DLL as "func:dll".)
	syms, err := f.ImportedSymbols()
	if err != nil {
		t.Fatal(err)
	}
	dlls := map[string]bool{}
	for _, s := range syms {
		if _, dll, ok := strings.Cut(s, ":"); ok {
			dlls[strings.ToLower(dll)] = true
		}
	}
	if !dlls["kernel32.dll"] {
		t.Errorf("imports %v: no kernel32.dll, the import table was not read", dlls)
	}
	system := regexp.MustCompile(`^(kernel32|user32|gdi32|advapi32|shell32|ole32|oleaut32|comctl32|comdlg32|shlwapi|ws2_32|winmm|dwmapi|uxtheme|version|crypt32|bcrypt|ntdll|msvcrt|ucrtbase|api-ms-win-[a-z0-9-]+|secur32|userenv|iphlpapi|dnsapi|netapi32|powrprof|winspool\.drv|shcore|setupapi|mpr|wtsapi32|imm32|propsys|credui)\.dll$|^winspool\.drv$`)
	for dll := range dlls {
		if !system.MatchString(dll) {
			t.Errorf("imports %s, which is not part of Windows: the app would not start on a user's PC", dll)
		}
	}

	checkIcon(t, res)

	m := find(res, rtManifest, 1)
	if m == nil {
		t.Fatal("no RT_MANIFEST with ID 1: Windows would run the app without our manifest")
	}
	for _, want := range []string{`name="com.directdesk.app"`, `version="` + b.WinVersion + `"`, `level="asInvoker"`, "permonitorv2"} {
		if !bytes.Contains(m.Data, []byte(want)) {
			t.Errorf("manifest lacks %s", want)
		}
	}

	info := wailsInfo(t)
	s := versionOf(t, res, b.WinVersion)
	want := map[string]string{
		"ProductName":      "DirectDesk",
		"FileDescription":  info["productName"],
		"CompanyName":      info["companyName"],
		"LegalCopyright":   info["copyright"], // "©": proves the UTF-8 -> UTF-16 path
		"FileVersion":      b.WinVersion,
		"ProductVersion":   b.Version,
		"OriginalFilename": "DirectDesk.exe",
	}
	for k, v := range want {
		if s[k] != v {
			t.Errorf("version string %s = %q, want %q", k, s[k], v)
		}
	}
	if !regexp.MustCompile(`^\d+\.\d+\.\d+\.\d+$`).MatchString(b.WinVersion) {
		t.Errorf("Windows version %q is not four numbers", b.WinVersion)
	}
	// app.Version, set with -ldflags, is what the About screen shows.
	raw, err := os.ReadFile(filepath.Join(root, b.App))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(raw, []byte(b.Version)) {
		t.Errorf("the version text %q is not in the exe: -X directdesk/app.Version did not apply", b.Version)
	}
}

// checkIcon proves the app carries OUR icon: group 3 (the ID Wails loads) lists
// every image of build/windows/icon.ico, byte for byte.
func checkIcon(t *testing.T, res []resource) {
	t.Helper()
	ico, err := os.ReadFile(filepath.Join(root, "build", "windows", "icon.ico"))
	if err != nil {
		t.Fatal(err)
	}
	if len(ico) < 6 {
		t.Fatal("icon.ico too short")
	}
	n := int(binary.LittleEndian.Uint16(ico[4:]))
	var images [][]byte
	for i := 0; i < n; i++ {
		e := ico[6+16*i:]
		size, off := binary.LittleEndian.Uint32(e[8:]), binary.LittleEndian.Uint32(e[12:])
		images = append(images, ico[off:off+size])
	}

	g := find(res, rtGroupIcon, 3)
	if g == nil {
		t.Fatal("no RT_GROUP_ICON with ID 3: the window and taskbar would show a blank icon")
	}
	if len(g.Data) < 6 || binary.LittleEndian.Uint16(g.Data[2:]) != 1 {
		t.Fatal("RT_GROUP_ICON 3 is not an icon directory")
	}
	count := int(binary.LittleEndian.Uint16(g.Data[4:]))
	if count != n {
		t.Fatalf("icon group has %d images, icon.ico has %d", count, n)
	}
	for i := 0; i < count; i++ {
		e := g.Data[6+14*i:]
		if len(e) < 14 {
			t.Fatal("icon group entry cut short")
		}
		id := uint32(binary.LittleEndian.Uint16(e[12:]))
		img := find(res, rtIcon, id)
		if img == nil {
			t.Fatalf("icon group entry %d points to missing RT_ICON %d", i, id)
		}
		if !bytes.Equal(img.Data, images[i]) {
			t.Errorf("RT_ICON %d differs from image %d of icon.ico", id, i)
		}
	}
}

func TestWindowsSetup(t *testing.T) {
	b := loadBuilt(t, "windows", "make dist-windows")
	f, res := openPE(t, b.Setup)
	// NSIS installers are 32-bit x86 programs; they run on every x64 Windows.
	if f.Machine != pe.IMAGE_FILE_MACHINE_I386 {
		t.Errorf("installer machine %#x, want i386", f.Machine)
	}
	if s := subsystem(f); s != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		t.Errorf("installer subsystem %d, want Windows GUI", s)
	}
	if find(res, rtGroupIcon, 0) == nil {
		t.Error("installer has no icon")
	}
	s := versionOf(t, res, b.WinVersion)
	if s["ProductName"] != "DirectDesk" || s["ProductVersion"] != b.Version {
		t.Errorf("installer version strings %v", s)
	}
	m := find(res, rtManifest, 1)
	if m == nil || !bytes.Contains(m.Data, []byte(`level="asInvoker"`)) {
		t.Error("installer manifest does not ask for asInvoker: it would demand administrator rights")
	}

	// The installer must carry exactly the app we built: unpack it with 7-Zip,
	// which reads NSIS archives.
	sevenZip, err := exec.LookPath("7zz") // Debian's 7zip package
	if err != nil {
		sevenZip, err = exec.LookPath("7z") // p7zip
	}
	if err != nil {
		if required() {
			t.Fatal("7-Zip (7zz or 7z) not found: build/scripts/deps.sh installs the 7zip package")
		}
		t.Skip("7z not installed: cannot look inside the installer")
	}
	dir := t.TempDir()
	out, err := exec.Command(sevenZip, "x", "-y", "-o"+dir, filepath.Join(root, b.Setup)).CombinedOutput()
	if err != nil {
		t.Fatalf("7z x: %v\n%s", err, out)
	}
	got, err := os.ReadFile(filepath.Join(dir, "DirectDesk.exe"))
	if err != nil {
		t.Fatalf("the installer holds no DirectDesk.exe: %v\n%s", err, out)
	}
	app, err := os.ReadFile(filepath.Join(root, b.App))
	if err != nil {
		t.Fatal(err)
	}
	if sha256.Sum256(got) != sha256.Sum256(app) {
		t.Errorf("DirectDesk.exe inside the installer (%d bytes) differs from %s (%d bytes)", len(got), b.App, len(app))
	}
}
