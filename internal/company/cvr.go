package company

import "strings"

// cvrWeights are Erhvervsstyrelsen's modulus-11 weights for CVR numbers.
var cvrWeights = [8]int{2, 7, 6, 5, 4, 3, 2, 1}

// NormalizeCVR removes the spaces, dashes and "DK" prefix people type.
func NormalizeCVR(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "DK")
	return strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '.' {
			return -1
		}
		return r
	}, s)
}

// ValidCVR reports whether s (normalised) is a CVR number: eight digits,
// the first not 0, whose weighted sum is divisible by 11.
func ValidCVR(s string) bool {
	if len(s) != 8 || s[0] == '0' {
		return false
	}
	sum := 0
	for i := 0; i < 8; i++ {
		d := s[i]
		if d < '0' || d > '9' {
			return false
		}
		sum += int(d-'0') * cvrWeights[i]
	}
	return sum%11 == 0
}

// ValidPNumber checks only the form of a P-number (ten digits): some were
// issued with wrong check weights, so no checksum is applied.
func ValidPNumber(s string) bool {
	if len(s) != 10 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
