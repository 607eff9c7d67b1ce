package marketing

import "testing"

// TestRegisterNameKeyForms: the forms one person and one address are
// written in, contact side and register side, give one key; different
// people and houses do not.
func TestRegisterNameKeyForms(t *testing.T) {
	type in struct{ first, last, street, postcode string }
	same := []struct {
		name string
		a, b in
	}{
		{"second given name in the first name", in{"Anne Marie", "Nielsen", "Algade 3", "4000"}, in{"Anne", "Nielsen", "Algade 3", "4000"}},
		{"double surname", in{"Anne", "Holm Nielsen", "Algade 3", "4000"}, in{"Anne", "Nielsen", "Algade 3", "4000"}},
		{"hyphenated names", in{"Anne-Marie", "Holm-Nielsen", "Algade 3", "4000"}, in{"anne", "NIELSEN", "Algade 3", "4000"}},
		{"whole name in the first name field", in{"Anne Marie Nielsen", "", "Algade 3", "4000"}, in{"Anne", "Nielsen", "Algade 3", "4000"}},
		{"floor and side after a comma", in{"Jens", "Hansen", "Strandvejen 12, 2. th", "2900"}, in{"Jens", "Hansen", "Strandvejen 12", "2900"}},
		{"floor and side without a comma", in{"Jens", "Hansen", "Strandvejen 12 2.tv", "2900"}, in{"Jens", "Hansen", "Strandvejen 12", "2900"}},
		{"ground floor", in{"Jens", "Hansen", "Strandvejen 12, st. th.", "2900"}, in{"Jens", "Hansen", "Strandvejen 12", "2900"}},
		{"house letter joined or apart", in{"Jens", "Hansen", "Strandvejen 12A, 1. sal", "2900"}, in{"Jens", "Hansen", "Strandvejen 12 A", "2900"}},
		{"house letter with hyphen", in{"Jens", "Hansen", "Strandvejen 12-a", "2900"}, in{"Jens", "Hansen", "strandvejen 12a", "2900"}},
		{"Swedish flat number", in{"Åsa", "Lind", "Storgatan 1 B lgh 1102", "111 22"}, in{"Åsa", "Lind", "Storgatan 1B", "11122"}},
		{"Swedish floor", in{"Åsa", "Lind", "Storgatan 1, 3 tr", "111 22"}, in{"Åsa", "Lind", "Storgatan 1", "11122"}},
		{"Norwegian flat number", in{"Kari", "Nordmann", "Storgata 5 H0201", "0155"}, in{"Kari", "Nordmann", "Storgata 5", "0155"}},
		{"Russian house and flat", in{"Ирина", "Петрова", "ул. Ленина, д. 1, кв. 5", "8000"}, in{"Ирина", "Петрова", "ул. Ленина 1", "8000"}},
		{"postcode with country prefix", in{"Søren", "Kierkegaard", "Nørregade 12", "DK-1165"}, in{"søren", "kierkegaard", "Nørregade 12", "1165"}},
		{"number first", in{"John", "Smith", "12 Main Street, Apt 4", "8000"}, in{"John", "Smith", "12 Main Street", "8000"}},
	}
	for _, c := range same {
		a := RegisterNameKey(c.a.first, c.a.last, c.a.street, c.a.postcode)
		b := RegisterNameKey(c.b.first, c.b.last, c.b.street, c.b.postcode)
		if a == "" || a != b {
			t.Errorf("%s: %q != %q", c.name, a, b)
		}
	}
	differ := []struct {
		name string
		a, b in
	}{
		{"another house", in{"Jens", "Hansen", "Strandvejen 12", "2900"}, in{"Jens", "Hansen", "Strandvejen 14", "2900"}},
		{"another house letter", in{"Jens", "Hansen", "Strandvejen 12A", "2900"}, in{"Jens", "Hansen", "Strandvejen 12B", "2900"}},
		{"another street", in{"Jens", "Hansen", "Strandvejen 12", "2900"}, in{"Jens", "Hansen", "Algade 12", "2900"}},
		{"another person", in{"Jens", "Hansen", "Strandvejen 12", "2900"}, in{"Jens", "Jensen", "Strandvejen 12", "2900"}},
		{"another given name", in{"Jens", "Hansen", "Strandvejen 12", "2900"}, in{"Anne", "Hansen", "Strandvejen 12", "2900"}},
		{"another postcode", in{"Jens", "Hansen", "Strandvejen 12", "2900"}, in{"Jens", "Hansen", "Strandvejen 12", "2920"}},
	}
	for _, c := range differ {
		a := RegisterNameKey(c.a.first, c.a.last, c.a.street, c.a.postcode)
		b := RegisterNameKey(c.b.first, c.b.last, c.b.street, c.b.postcode)
		if a == b {
			t.Errorf("%s: both %q", c.name, a)
		}
	}
}

// FuzzRegisterNameKey: any text gives a key without panicking, the same
// key twice, and a floor after the house number never changes it.
func FuzzRegisterNameKey(f *testing.F) {
	for _, s := range []string{"Strandvejen 12, 2. th", "12 Main Street, Apt 4", "ул. Ленина, д. 1, кв. 5", "д, 12", ",", "12 a"} {
		f.Add("Anne Marie", "Holm Nielsen", s, "DK-1165")
	}
	f.Fuzz(func(t *testing.T, first, last, street, postcode string) {
		k := RegisterNameKey(first, last, street, postcode)
		if k != RegisterNameKey(first, last, street, postcode) {
			t.Fatal("not deterministic")
		}
		if k != "" && streetKey(street) != "" && streetKey(street+", 2. th") != streetKey(street) && streetKey(street) == streetKey(street+" 3") {
			t.Fatalf("floor changed the street of %q", street)
		}
	})
}
