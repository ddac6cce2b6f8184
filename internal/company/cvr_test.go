package company

import "testing"

func TestCVR(t *testing.T) {
	for in, want := range map[string]bool{
		"61126228":       true, // Danske Bank A/S
		"24256790":       true, // Novo Nordisk A/S
		"61056416":       true, // Carlsberg A/S
		"29403473":       true,
		"DK 2940 3473":   true,
		"29-40-34-73":    true,
		"24256791":       false, // last digit changed
		"09403473":       false, // leading zero
		"2940347":        false,
		"294034733":      false,
		"2940347a":       false,
		"":               false,
		"12345678":       false,
		"  dk29403473  ": true,
	} {
		if got := ValidCVR(NormalizeCVR(in)); got != want {
			t.Errorf("ValidCVR(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestPNumber(t *testing.T) {
	for in, want := range map[string]bool{"1003388394": true, "1234567890": true, "123456789": false, "12345678901": false, "12345x7890": false} {
		if got := ValidPNumber(in); got != want {
			t.Errorf("ValidPNumber(%q) = %v, want %v", in, got, want)
		}
	}
}
