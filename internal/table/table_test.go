package table

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

var head = []string{"Måned", "Tilmeldinger", "Fremmøde"}

func reportRows() [][]any {
	return [][]any{{"2026-03", float64(1200), 87.5}, {"=HYPERLINK()", float64(3), nil}}
}

// TestWriteValuesKeepsNumbers: an XLSX sheet holds numbers as numbers,
// a Danish CSV writes them with a decimal comma, and a cell that would run
// as a formula is made inert in both.
func TestWriteValuesKeepsNumbers(t *testing.T) {
	f, err := WriteValues("rapport", "csv", "da", head, reportRows())
	if err != nil {
		t.Fatal(err)
	}
	want := "\ufeffMåned;Tilmeldinger;Fremmøde\r\n2026-03;1200;87,5\r\n'=HYPERLINK();3;\r\n"
	if string(f.Data) != want || f.Filename != "rapport.csv" {
		t.Errorf("csv %q, want %q", f.Data, want)
	}
	en, _ := WriteValues("rapport", "csv", "en", head, reportRows())
	if !strings.Contains(string(en.Data), ";87.5\r\n") {
		t.Errorf("English csv %q", en.Data)
	}
	x, err := WriteValues("rapport", "xlsx", "da", head, reportRows())
	if err != nil {
		t.Fatal(err)
	}
	book, err := excelize.OpenReader(bytes.NewReader(x.Data))
	if err != nil {
		t.Fatal(err)
	}
	defer book.Close()
	// A cell without a type attribute is a number in OOXML.
	for cell, number := range map[string]bool{"B2": true, "C2": true, "A2": false, "A3": false} {
		got, err := book.GetCellType("Sheet1", cell)
		if isNumber := got == excelize.CellTypeNumber || got == excelize.CellTypeUnset; err != nil || isNumber != number {
			t.Errorf("%s: type %v, a number: %v (%v)", cell, got, number, err)
		}
	}
	if v, _ := book.GetCellValue("Sheet1", "C2"); v != "87.5" {
		t.Errorf("C2 %q", v)
	}
	if v, _ := book.GetCellValue("Sheet1", "A3"); v != "'=HYPERLINK()" {
		t.Errorf("A3 %q", v)
	}
	if _, err := WriteValues("rapport", "pdf", "da", head, reportRows()); err == nil {
		t.Error("an unknown format should be refused")
	}
}
