package dist

import (
	"debug/elf"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

type linuxBuilt struct {
	Version string `json:"version"`
	Archive string `json:"archive"`
	Deb     string `json:"deb"`
}

// The tarball unpacks, installs into a prefix, yields a working menu entry and
// CLI, and uninstalls again without touching the user's workspace.
func TestLinuxPackage(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join(root, "build", "dist", "linux.json"))
	if err != nil {
		if required() {
			t.Fatalf("build/dist/linux.json missing after the dist build: %v", err)
		}
		t.Skip("no build/dist/linux.json: run `make dist-linux` first (`make test` does)")
	}
	var b linuxBuilt
	if err := json.Unmarshal(raw, &b); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if out, err := exec.Command("tar", "-xzf", filepath.Join(root, b.Archive), "-C", dir).CombinedOutput(); err != nil {
		t.Fatalf("tar: %v\n%s", err, out)
	}
	pkg := filepath.Join(dir, "DirectDesk-"+b.Version+"-linux-x64")
	for _, bin := range []string{"directdesk-desktop", "directdesk"} {
		f, err := elf.Open(filepath.Join(pkg, "bin", bin))
		if err != nil {
			t.Fatalf("bin/%s: %v", bin, err)
		}
		if f.Machine != elf.EM_X86_64 {
			t.Errorf("bin/%s machine %v, want x86-64", bin, f.Machine)
		}
		f.Close()
	}

	// A prefix with a space: the menu entry must still start the program.
	prefix := filepath.Join(dir, "home dir", ".local")
	// A workspace already there must survive install and uninstall.
	ws := filepath.Join(prefix, "share", "directdesk", "workspace.db")
	if err := os.MkdirAll(filepath.Dir(ws), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(ws, []byte("customers"), 0o644); err != nil {
		t.Fatal(err)
	}
	run := func(args ...string) string {
		t.Helper()
		cmd := exec.Command("sh", append([]string{filepath.Join(pkg, "install.sh")}, args...)...)
		cmd.Env = append(os.Environ(), "PATH=/usr/bin:/bin")
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Fatalf("install.sh %v: %v\n%s", args, err, out)
		}
		return string(out)
	}
	out := run("--prefix", prefix)
	if !strings.Contains(out, "installed in "+prefix) {
		t.Errorf("install.sh said: %s", out)
	}
	desktop, err := os.ReadFile(filepath.Join(prefix, "share", "applications", "directdesk.desktop"))
	if err != nil {
		t.Fatal(err)
	}
	wantExec := `Exec="` + prefix + `/bin/directdesk-desktop"`
	if !strings.Contains(string(desktop), wantExec+"\n") {
		t.Errorf("menu entry lacks %s:\n%s", wantExec, desktop)
	}
	for _, lang := range []string{"da", "sv", "nb", "ru"} {
		if !strings.Contains(string(desktop), "Comment["+lang+"]=") {
			t.Errorf("menu entry has no %s comment", lang)
		}
	}
	if v, err := exec.LookPath("desktop-file-validate"); err == nil {
		if out, err := exec.Command(v, filepath.Join(prefix, "share", "applications", "directdesk.desktop")).CombinedOutput(); err != nil {
			t.Errorf("desktop-file-validate: %v\n%s", err, out)
		}
	}
	for _, icon := range []string{"hicolor/48x48/apps/directdesk.png", "hicolor/256x256/apps/directdesk.png", "hicolor/scalable/apps/directdesk.svg"} {
		if st, err := os.Stat(filepath.Join(prefix, "share", "icons", icon)); err != nil || st.Size() == 0 {
			t.Errorf("icon %s not installed: %v", icon, err)
		}
	}
	// The installed CLI runs and reports the packaged version.
	ver, err := exec.Command(filepath.Join(prefix, "bin", "directdesk"), "version", "--json").CombinedOutput()
	if err != nil || !strings.Contains(string(ver), `"version":"`+b.Version+`"`) {
		t.Errorf("directdesk version: %v\n%s", err, ver)
	}

	run("--prefix", prefix, "--uninstall")
	for _, gone := range []string{"bin/directdesk-desktop", "bin/directdesk", "share/applications/directdesk.desktop", "share/icons/hicolor/48x48/apps/directdesk.png"} {
		if _, err := os.Stat(filepath.Join(prefix, gone)); !os.IsNotExist(err) {
			t.Errorf("%s still there after --uninstall (%v)", gone, err)
		}
	}
	if got, err := os.ReadFile(ws); err != nil || string(got) != "customers" {
		t.Errorf("the workspace did not survive uninstall: %q %v", got, err)
	}

	if b.Deb == "" {
		return
	}
	info, err := exec.Command("dpkg-deb", "--field", filepath.Join(root, b.Deb), "Package", "Depends", "Architecture").CombinedOutput()
	if err != nil {
		t.Fatalf("dpkg-deb --field: %v\n%s", err, info)
	}
	for _, want := range []string{"Package: directdesk", "libwebkit2gtk-4.1-0", "Architecture: amd64"} {
		if !strings.Contains(string(info), want) {
			t.Errorf(".deb control lacks %q:\n%s", want, info)
		}
	}
	list, err := exec.Command("dpkg-deb", "--contents", filepath.Join(root, b.Deb)).CombinedOutput()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"./usr/bin/directdesk-desktop", "./usr/bin/directdesk", "./usr/share/applications/directdesk.desktop", "root/root"} {
		if !strings.Contains(string(list), want) {
			t.Errorf(".deb lacks %s", want)
		}
	}
}
