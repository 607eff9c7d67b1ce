// Package dist checks the release files `make dist-windows` and `make
// dist-linux` write to build/dist. This file reads the Windows resources
// (icons, manifest, version information) out of a PE file with debug/pe and a
// small walker, so the check needs no Windows and no extra module.
package dist

import (
	"debug/pe"
	"encoding/binary"
	"errors"
	"fmt"
	"unicode/utf16"
)

// Resource types, from winuser.h.
const (
	rtIcon      = 3
	rtGroupIcon = 14
	rtVersion   = 16
	rtManifest  = 24
)

// resource is one leaf of the resource tree: type / name / language.
type resource struct {
	Type, ID, Lang uint32
	Data           []byte
}

// readResources returns every resource with a numeric type and ID (all ours
// are numeric). The tree is three levels deep: type, name, language.
func readResources(f *pe.File) ([]resource, error) {
	var dir pe.DataDirectory
	switch oh := f.OptionalHeader.(type) {
	case *pe.OptionalHeader64:
		if len(oh.DataDirectory) <= pe.IMAGE_DIRECTORY_ENTRY_RESOURCE {
			return nil, errors.New("no resource directory")
		}
		dir = oh.DataDirectory[pe.IMAGE_DIRECTORY_ENTRY_RESOURCE]
	case *pe.OptionalHeader32:
		if len(oh.DataDirectory) <= pe.IMAGE_DIRECTORY_ENTRY_RESOURCE {
			return nil, errors.New("no resource directory")
		}
		dir = oh.DataDirectory[pe.IMAGE_DIRECTORY_ENTRY_RESOURCE]
	default:
		return nil, errors.New("no optional header")
	}
	if dir.VirtualAddress == 0 || dir.Size == 0 {
		return nil, errors.New("the file has no resources")
	}
	var sec *pe.Section
	for _, s := range f.Sections {
		if dir.VirtualAddress >= s.VirtualAddress && dir.VirtualAddress < s.VirtualAddress+max(s.VirtualSize, s.Size) {
			sec = s
		}
	}
	if sec == nil {
		return nil, fmt.Errorf("no section holds the resource directory at RVA %#x", dir.VirtualAddress)
	}
	data, err := sec.Data()
	if err != nil {
		return nil, err
	}
	w := walker{data: data, base: dir.VirtualAddress - sec.VirtualAddress, secRVA: sec.VirtualAddress}
	var out []resource
	err = w.dir(0, nil, &out)
	return out, err
}

type walker struct {
	data   []byte
	base   uint32 // offset of the root directory inside the section
	secRVA uint32
	steps  int
}

func (w *walker) u32(off uint32) (uint32, error) {
	if uint64(off)+4 > uint64(len(w.data)) {
		return 0, fmt.Errorf("resource tree points outside its section (%#x)", off)
	}
	return binary.LittleEndian.Uint32(w.data[off:]), nil
}

// dir walks one IMAGE_RESOURCE_DIRECTORY; path holds the IDs above it.
func (w *walker) dir(off uint32, path []uint32, out *[]resource) error {
	if len(path) > 3 {
		return errors.New("resource tree deeper than type/name/language")
	}
	at := w.base + off
	if uint64(at)+16 > uint64(len(w.data)) {
		return fmt.Errorf("resource directory outside its section (%#x)", at)
	}
	named := binary.LittleEndian.Uint16(w.data[at+12:])
	ids := binary.LittleEndian.Uint16(w.data[at+14:])
	for i := uint32(0); i < uint32(named)+uint32(ids); i++ {
		// A crafted file could loop; ours never has more than a few hundred leaves.
		if w.steps++; w.steps > 100000 {
			return errors.New("resource tree too large")
		}
		e := at + 16 + 8*i
		name, err := w.u32(e)
		if err != nil {
			return err
		}
		target, err := w.u32(e + 4)
		if err != nil {
			return err
		}
		if name&0x80000000 != 0 {
			continue // a string name: none of ours
		}
		p := append(append([]uint32(nil), path...), name)
		if target&0x80000000 != 0 {
			if err := w.dir(target&0x7fffffff, p, out); err != nil {
				return err
			}
			continue
		}
		if len(p) != 3 {
			return fmt.Errorf("resource leaf at depth %d", len(p))
		}
		rva, err := w.u32(w.base + target)
		if err != nil {
			return err
		}
		size, err := w.u32(w.base + target + 4)
		if err != nil {
			return err
		}
		start := uint64(rva) - uint64(w.secRVA)
		if rva < w.secRVA || start+uint64(size) > uint64(len(w.data)) {
			return fmt.Errorf("resource %v data outside its section", p)
		}
		*out = append(*out, resource{Type: p[0], ID: p[1], Lang: p[2], Data: w.data[start : start+uint64(size)]})
	}
	return nil
}

// versionNode is one block of a VS_VERSIONINFO resource.
type versionNode struct {
	Key      string
	Text     bool // wType 1: Value is UTF-16 text
	Value    []byte
	Children []versionNode
}

// parseVersion reads a VS_VERSIONINFO tree (every block: wLength, wValueLength,
// wType, NUL-terminated UTF-16 key, padding to 4, value, padding, children).
func parseVersion(b []byte) (versionNode, error) {
	n, _, err := parseVersionNode(b, 0)
	return n, err
}

func parseVersionNode(b []byte, depth int) (versionNode, int, error) {
	var n versionNode
	if depth > 8 {
		return n, 0, errors.New("version info nested too deep")
	}
	if len(b) < 6 {
		return n, 0, errors.New("version block shorter than its header")
	}
	length := int(binary.LittleEndian.Uint16(b))
	valueLen := int(binary.LittleEndian.Uint16(b[2:]))
	n.Text = binary.LittleEndian.Uint16(b[4:]) == 1
	if length < 6 || length > len(b) {
		return n, 0, fmt.Errorf("version block length %d outside 6..%d", length, len(b))
	}
	b = b[:length]
	i := 6
	var key []uint16
	for ; i+1 < length; i += 2 {
		c := binary.LittleEndian.Uint16(b[i:])
		if c == 0 {
			break
		}
		key = append(key, c)
	}
	n.Key = string(utf16.Decode(key))
	i = align4(i + 2)
	if n.Text {
		valueLen *= 2 // counted in UTF-16 units
	}
	end := min(i+valueLen, length)
	if i < end {
		n.Value = b[i:end]
	}
	i = align4(i + valueLen)
	for i < length {
		c, used, err := parseVersionNode(b[i:], depth+1)
		if err != nil {
			return n, 0, err
		}
		n.Children = append(n.Children, c)
		i = align4(i + used)
	}
	return n, length, nil
}

func align4(i int) int { return (i + 3) &^ 3 }

// text decodes a UTF-16 value without its trailing NULs.
func (n versionNode) text() string {
	u := make([]uint16, 0, len(n.Value)/2)
	for i := 0; i+1 < len(n.Value); i += 2 {
		u = append(u, binary.LittleEndian.Uint16(n.Value[i:]))
	}
	for len(u) > 0 && u[len(u)-1] == 0 {
		u = u[:len(u)-1]
	}
	return string(utf16.Decode(u))
}

// strings returns the StringFileInfo entries of the first string table.
func (n versionNode) strings() map[string]string {
	out := map[string]string{}
	for _, c := range n.Children {
		if c.Key != "StringFileInfo" {
			continue
		}
		for _, table := range c.Children {
			for _, s := range table.Children {
				out[s.Key] = s.text()
			}
		}
	}
	return out
}

// fixedVersion returns FileVersion and ProductVersion from VS_FIXEDFILEINFO as a.b.c.d.
func (n versionNode) fixedVersion() (file, product string, err error) {
	v := n.Value
	if len(v) < 52 || binary.LittleEndian.Uint32(v) != 0xFEEF04BD {
		return "", "", errors.New("no VS_FIXEDFILEINFO (signature 0xFEEF04BD)")
	}
	quad := func(off int) string {
		ms, ls := binary.LittleEndian.Uint32(v[off:]), binary.LittleEndian.Uint32(v[off+4:])
		return fmt.Sprintf("%d.%d.%d.%d", ms>>16, ms&0xffff, ls>>16, ls&0xffff)
	}
	return quad(8), quad(16), nil
}
