package privacy_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"directdesk/backend/marketing"
	"directdesk/backend/privacy"
)

// TestRegisterFileAddressForms: house number, letter, floor and door in
// columns of their own (in each language), and one full-name column, give
// the key of the same person stored as a contact in the usual way.
func TestRegisterFileAddressForms(t *testing.T) {
	type contact struct{ first, last, street, postcode string }
	cases := []struct {
		name, file, register string
		want                 contact // the contact side
	}{
		{"Danish: husnr, etage, side", "Fornavn;Efternavn;Vejnavn;Husnr;Etage;Side;Postnr\nAnne Marie;Holm Nielsen;Strandvejen;12A;2;th;2900\n",
			marketing.RegisterRobinson, contact{"Anne", "Nielsen", "Strandvejen 12 A, 2. th", "2900"}},
		{"Danish: husnummer, dør", "Navn;Adresse;Husnummer;Dør;Postnr\nJensen, Anne;Algade;3;tv;4000\n",
			marketing.RegisterRobinson, contact{"Anne", "Jensen", "Algade 3", "4000"}},
		{"Swedish: gatunummer, våning, lgh", "Förnamn;Efternamn;Gata;Gatunummer;Våning;Lgh;Postnummer\nÅsa;Lind;Storgatan;1 B;3;1102;111 22\n",
			marketing.RegisterNIX, contact{"Åsa", "Lind", "Storgatan 1B lgh 1102", "11122"}},
		{"Swedish: nummer", "Namn;Gatuadress;Nummer;Postnummer\nÅsa Maria Lind;Storgatan;1;11122\n",
			marketing.RegisterNIX, contact{"Åsa", "Lind", "Storgatan 1", "111 22"}},
		{"Norwegian: husnummer, husbokstav, etasje, bolignummer, oppgang", "Fornavn;Etternavn;Gate;Husnummer;Husbokstav;Etasje;Bolignummer;Oppgang;Postnummer\nKari;Nordmann;Storgata;5;b;2;H0201;A;0155\n",
			marketing.RegisterReservasjon, contact{"Kari", "Nordmann", "Storgata 5B", "0155"}},
		{"Norwegian: gatenummer", "Navn;Gateadresse;Gatenummer;Postnummer\nKari Nordmann;Storgata;5;0155\n",
			marketing.RegisterReservasjon, contact{"Kari", "Nordmann", "Storgata 5, H0201", "0155"}},
		{"English: house number, floor, door", "First name,Last name,Street,House number,Floor,Door,ZIP\nJohn,Smith,Vestergade,1,3,th,8000\n",
			marketing.RegisterRobinson, contact{"John", "Smith", "Vestergade 1, 3. th", "8000"}},
		{"English: number, full name last-comma-first", "Full name;Address;Number;Postcode\n\"Smith, John Peter\";Vestergade;1;8000\n",
			marketing.RegisterRobinson, contact{"John Peter", "Smith", "Vestergade 1", "8000"}},
		{"Russian: ФИО, улица, дом, квартира", "ФИО;Улица;Дом;Квартира;Индекс\nПетрова Ирина Сергеевна;ул. Ленина;1;5;8000\n",
			marketing.RegisterRobinson, contact{"Ирина", "Петрова", "ул. Ленина, д. 1, кв. 5", "8000"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rep, keys, err := scan(t, writeFile(t, "r.csv", c.file), c.register)
			if err != nil {
				t.Fatal(err)
			}
			want := marketing.RegisterNameKey(c.want.first, c.want.last, c.want.street, c.want.postcode)
			if rep.Usable != 1 || !slices.Contains(keys, want) {
				t.Fatalf("usable %d, keys %q, want %q (columns %v)", rep.Usable, keys, want, rep.Columns)
			}
		})
	}
}

// TestRegisterMatchesStoredContactForms: contacts stored the way shops
// write them are found on an imported register file that writes them
// another way; the neighbour at another house number is not.
func TestRegisterMatchesStoredContactForms(t *testing.T) {
	ctx := context.Background()
	ws := openWS(t)
	people := []marketing.Contact{
		{FirstName: "Anne", MiddleName: "Marie", LastName: "Holm Nielsen", Street1: "Strandvejen 12A, 2. th", Postcode: "2900", Country: "DK"},
		{FirstName: "Jens Peter", LastName: "Hansen", Street1: "Algade 3 st.", Postcode: "DK-4000", Country: "DK"},
		{FirstName: "Søren", LastName: "Kierkegaard", Street1: "Nørregade 14", Postcode: "1165", Country: "DK"},
	}
	for i := range people {
		if err := ws.DB.CreateContact(ctx, &people[i]); err != nil {
			t.Fatal(err)
		}
	}
	file := writeFile(t, "robinson.csv", "Navn;Vejnavn;Husnr;Etage;Side;Postnr\n"+
		"Anne Nielsen;Strandvejen;12 A;2;th;2900\n"+
		"\"Hansen, Jens\";Algade;3;;;4000\n"+
		"Søren Kierkegaard;Nørregade;12;;;1165\n")
	res, err := privacy.ImportRegister(ctx, ws.DB, file, marketing.RegisterRobinson, "", "", time.Now(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Matches != 2 {
		t.Fatalf("matches %d, want 2 (Anne and Jens; Søren lives at 14)", res.Matches)
	}
	got, total, err := ws.DB.RegisterMatches(ctx, marketing.RegisterRobinson, 0, 10)
	if err != nil || total != 2 {
		t.Fatalf("%v %d", err, total)
	}
	var names []string
	for _, p := range got {
		names = append(names, p.Name)
	}
	slices.Sort(names)
	if !slices.Equal(names, []string{"Anne Marie Holm Nielsen", "Jens Peter Hansen"}) {
		t.Fatalf("%q", names)
	}
}
