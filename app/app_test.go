package app

import (
	"context"
	"encoding/base64"
	"errors"
	"io"
	"log/slog"
	"testing"

	"convene/internal/auth"
	"convene/internal/company"
	"convene/internal/i18n"
	"convene/internal/setting"
	"convene/internal/store/storetest"
)

func newDeps(t *testing.T) *Deps {
	st := storetest.New(t)
	return &Deps{Store: st, Settings: setting.NewService(st), Users: auth.NewService(st), Catalog: i18n.MustLoad(),
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Version: "test", Mode: "desktop", DataDir: t.TempDir(), Addr: "127.0.0.1:8080"}
}

func services(d *Deps, a auth.Actor) (*Settings, *System, *Users) {
	b := Bound(context.Background(), d, a)
	return b[0].(*Settings), b[1].(*System), b[2].(*Users)
}

func TestSettingsRecordTheActor(t *testing.T) {
	d := newDeps(t)
	settings, _, _ := services(d, auth.DesktopActor())
	in, _ := settings.Get()
	in.OrganiserName = "Ballerup Kommune Erhverv"
	out, err := settings.Save(in)
	if err != nil || out.UpdatedBy != "desktop user" {
		t.Fatalf("Save = %+v, %v", out, err)
	}
	staffSettings, _, _ := services(d, auth.Actor{Email: "s@balk.dk", Role: auth.RoleStaff})
	if _, err := staffSettings.Save(in); !errors.Is(err, auth.ErrForbidden) {
		t.Fatalf("staff Save = %v", err)
	}
	got, _ := staffSettings.Get()
	if got.OrganiserName != "Ballerup Kommune Erhverv" {
		t.Fatalf("staff cannot read the saved settings: %+v", got)
	}
	zones, _ := settings.TimeZones()
	if zones[0] != "Europe/Copenhagen" {
		t.Fatalf("zones = %v", zones)
	}
}

func TestSystemInfoAndBackups(t *testing.T) {
	d := newDeps(t)
	_, system, _ := services(d, auth.DesktopActor())
	info, err := system.Info()
	if err != nil || info.SchemaVersion < 1 || info.PublicURL != "http://127.0.0.1:8080" || info.BaseURLLocked || !info.Actor.Desktop {
		t.Fatalf("Info = %+v, %v", info, err)
	}
	d.BaseURLOverride = "https://events.balk.dk"
	info, _ = system.Info()
	if info.PublicURL != "https://events.balk.dk" || !info.BaseURLLocked {
		t.Fatalf("Info with override = %+v", info)
	}
	b, err := system.Backup()
	if err != nil || b.Size == 0 {
		t.Fatalf("Backup = %+v, %v", b, err)
	}
	list, err := system.Backups()
	if err != nil || len(list) != 1 || list[0].Name != b.Name {
		t.Fatalf("Backups = %+v, %v", list, err)
	}
	_, staffSystem, _ := services(d, auth.Actor{Role: auth.RoleStaff})
	if _, err := staffSystem.Backup(); !errors.Is(err, auth.ErrForbidden) {
		t.Fatalf("staff Backup = %v", err)
	}
}

func TestUsers(t *testing.T) {
	d := newDeps(t)
	_, _, users := services(d, auth.DesktopActor())
	if _, err := users.Add(auth.NewUser{Email: "new@balk.dk", Role: auth.RoleStaff, Password: "long enough pw"}); err != nil {
		t.Fatal(err)
	}
	list, err := users.List()
	if err != nil || len(list) != 1 || list[0].PasswordHash == "" {
		t.Fatalf("List = %+v, %v", list, err)
	}
	_, _, staffUsers := services(d, auth.Actor{Role: auth.RoleStaff})
	if _, err := staffUsers.List(); !errors.Is(err, auth.ErrForbidden) {
		t.Fatalf("staff List = %v", err)
	}
}

func TestFormatError(t *testing.T) {
	d := newDeps(t)
	p := d.FormatError(auth.ErrForbidden).(i18n.Problem)
	if p.Key != "error.forbidden" || p.Message == "" {
		t.Fatalf("forbidden = %+v", p)
	}
	p = d.FormatError(errors.New("secret cause")).(i18n.Problem)
	if p.Key != "error.internal" {
		t.Fatalf("internal = %+v", p)
	}
}

// TestFinancialPreviewShowsColumnsItCannotMap: a figures file whose
// columns are not recognised still comes back with its columns and first
// rows, naming the field to map, so staff can choose.
func TestFinancialPreviewShowsColumnsItCannotMap(t *testing.T) {
	d := newDeps(t)
	d.Register = company.NewService(d.Store)
	c := &Companies{call{context.Background(), auth.DesktopActor(), d}}
	csv := "Nummer;Periode;Salg\r\n61126228;2024;1.500.000\r\n"
	req := ImportRequest{File: FileData{Filename: "tal.csv", DataBase64: base64.StdEncoding.EncodeToString([]byte(csv))}}
	p, err := c.PreviewFinancialImport(req)
	if err != nil {
		t.Fatal(err)
	}
	if p.Missing != "cvr" || len(p.Header) != 3 || p.Header[0] != "Nummer" || len(p.Sample) != 1 || len(p.Result.Rows) != 0 {
		t.Fatalf("preview %+v", p)
	}
	req.Mapping = company.Mapping{"cvr": 0, "year": 1, "netRevenue": 2}
	if p, err = c.PreviewFinancialImport(req); err != nil || p.Missing != "" || len(p.Result.Rows) != 1 {
		t.Fatalf("mapped preview %+v, %v", p, err)
	}
}
