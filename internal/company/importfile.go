package company

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strings"
	"unicode/utf8"

	"convene/internal/i18n"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

// MaxImportBytes is the largest file an import accepts.
const MaxImportBytes = 20 << 20

// Sheet is an uploaded file read into rows of cells; Header is its first row.
type Sheet struct {
	Format    string     `json:"format"`    // "csv" or "xlsx"
	Encoding  string     `json:"encoding"`  // "utf-8" or "windows-1252" for CSV
	Delimiter string     `json:"delimiter"` // "," or ";" for CSV
	Header    []string   `json:"header"`
	Rows      [][]string `json:"rows"`
}

// ReadSheet reads a CSV file (comma or semicolon; UTF-8 with or without a
// BOM, or Windows-1252 as Danish Excel writes it) or an XLSX workbook's
// first sheet.
func ReadSheet(name string, data []byte) (Sheet, error) {
	if len(data) > MaxImportBytes {
		return Sheet{}, i18n.NewError("company.import.too_large", map[string]any{"max": MaxImportBytes >> 20})
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return Sheet{}, i18n.NewError("company.import.empty", nil)
	}
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return readXLSX(data)
	}
	if bytes.IndexByte(data, 0) >= 0 {
		return Sheet{}, i18n.NewError("company.import.not_table", map[string]any{"file": name})
	}
	return readCSV(data)
}

func readCSV(data []byte) (Sheet, error) {
	sh := Sheet{Format: "csv", Encoding: "utf-8"}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if !utf8.Valid(data) {
		decoded, err := charmap.Windows1252.NewDecoder().Bytes(data)
		if err != nil {
			return Sheet{}, i18n.Wrap(err, "company.import.encoding", nil)
		}
		data, sh.Encoding = decoded, "windows-1252"
	}
	firstLine := data
	if i := bytes.IndexByte(data, '\n'); i >= 0 {
		firstLine = data[:i]
	}
	sh.Delimiter = ","
	if bytes.Count(firstLine, []byte(";")) > bytes.Count(firstLine, []byte(",")) {
		sh.Delimiter = ";"
	}
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = rune(sh.Delimiter[0])
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	for line := 1; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return Sheet{}, i18n.Wrap(err, "company.import.bad_csv", map[string]any{"row": line})
		}
		sh.appendRow(rec)
	}
	return sh, sh.check()
}

func readXLSX(data []byte) (Sheet, error) {
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		return Sheet{}, i18n.Wrap(err, "company.import.bad_xlsx", nil)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return Sheet{}, i18n.NewError("company.import.empty", nil)
	}
	rows, err := f.GetRows(sheets[0])
	if err != nil {
		return Sheet{}, i18n.Wrap(err, "company.import.bad_xlsx", nil)
	}
	sh := Sheet{Format: "xlsx", Encoding: "utf-8"}
	for _, rec := range rows {
		sh.appendRow(rec)
	}
	return sh, sh.check()
}

// appendRow adds a record; the first non-empty one is the header.
func (sh *Sheet) appendRow(rec []string) {
	for i := range rec {
		rec[i] = strings.TrimSpace(rec[i])
	}
	if sh.Header == nil {
		if strings.Join(rec, "") == "" {
			return
		}
		sh.Header = rec
		return
	}
	sh.Rows = append(sh.Rows, rec)
}

func (sh *Sheet) check() error {
	if len(sh.Header) == 0 || len(sh.Rows) == 0 {
		return i18n.NewError("company.import.empty", nil)
	}
	return nil
}

// cell returns column col of row, or "".
func cell(row []string, col int) string {
	if col < 0 || col >= len(row) {
		return ""
	}
	return row[col]
}
