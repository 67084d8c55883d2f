package content

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/github/go-spdx/v2/spdxexp/spdxlicenses"
	"gopkg.in/yaml.v3"
)

// A licence is an identifier of the SPDX licence list (as go-spdx ships
// it), matched in any case and kept in the list's own case: a deck's page
// links the licence's page on the SPDX site by it, so anything else would
// be a dead link. An error, with the identifier the writer most likely
// meant.

func license(doc string, dst func(*Doc) *string) Field {
	return field("license", "string", doc, true, func(d *Doc, n *yaml.Node, e *decodeErrs) {
		s, ok := scalar(n, "license", e)
		if !ok {
			return
		}
		s = strings.TrimSpace(s)
		if s == "" {
			e.at(n, "license is empty", "write the SPDX identifier of the licence, like "+e.writeScalar("license", "CC-BY-4.0"))
			return
		}
		id, problem, hint := checkLicense(s, func(id string) string { return e.writeScalar("license", id) })
		switch {
		case problem == "":
			*dst(d) = id
		case id != "":
			// Deprecated: the SPDX site still has its page, but the
			// identifier says less than the writer may think.
			e.list.Warn(Pos{File: e.file, Line: n.Line, Col: n.Column}, problem, hint)
			*dst(d) = id
		default:
			e.at(n, problem, hint)
		}
	})
}

// checkLicense returns the SPDX identifier s stands for, in the list's
// case. When s is not one, it says why and what to write instead, each
// identifier as write puts it in the file; a deprecated identifier is
// returned with its problem.
func checkLicense(s string, write func(id string) string) (id, problem, hint string) {
	if ok, id := spdxlicenses.IsActiveLicense(s); ok {
		return id, "", ""
	}
	if ok, id := spdxlicenses.IsDeprecatedLicense(s); ok {
		problem = fmt.Sprintf("license %s is a deprecated SPDX identifier", id)
		if want := licenseSuggestions(s); len(want) > 0 {
			return id, problem, writeLicense(want, write)
		}
		return id, problem, "write a current SPDX identifier for the licence"
	}
	if isExpression(s) {
		return "", fmt.Sprintf("license %q is an SPDX expression; a deck names the one licence its slides are under", s),
			"write one SPDX identifier, like " + write("CC-BY-4.0")
	}
	problem = fmt.Sprintf("license %q is not an SPDX licence identifier", s)
	if want := licenseSuggestions(s); len(want) > 0 {
		return "", problem, writeLicense(want, write)
	}
	return "", problem, "write the licence's SPDX identifier, like " + OrList([]string{write("CC-BY-4.0"), write("CC-BY-SA-4.0"), write("MIT")}) + " (the SPDX licence list has them all)"
}

func writeLicense(ids []string, write func(string) string) string {
	what := "(the SPDX identifier)"
	if len(ids) > 1 {
		what = "(the SPDX identifiers)"
	}
	for i, id := range ids {
		ids[i] = write(id)
	}
	return "write " + OrList(ids) + " " + what
}

var expressionWord = regexp.MustCompile(`(?i)\s(OR|AND|WITH)\s|[()]`)

// isExpression reports whether s is built of several identifiers.
func isExpression(s string) bool { return expressionWord.MatchString(s) }

var (
	// Words of a licence's name that its identifier writes short.
	licenseNames = strings.NewReplacer("general public", "gpl", "lesser gpl", "lgpl", "creative commons", "cc",
		"attribution", "by", "sharealike", "sa", "share-alike", "sa", "share alike", "sa",
		"noncommercial", "nc", "non-commercial", "nc", "noderivatives", "nd", "no derivatives", "nd")
	licenseWords = regexp.MustCompile(`\b(the|gnu|licen[cs]e[sd]?|version|international)\b`)
	versionV     = regexp.MustCompile(`(^|[^a-z])v(\d)|([a-z])v(\d)`)
	separators   = regexp.MustCompile(`[\s_-]+`)
	bareVersion  = regexp.MustCompile(`-(\d+)$`)
)

// licenseSuggestions are the SPDX identifiers a licence typed otherwise
// most likely means, best first: "CC BY-SA 4.0" is CC-BY-SA-4.0,
// "Apache 2" Apache-2.0, "MIT License" MIT, "GPLv3" GPL-3.0-only or
// GPL-3.0-or-later; else the nearest identifier by spelling, if one is
// near.
func licenseSuggestions(s string) []string {
	n := licenseNames.Replace(strings.ToLower(strings.TrimSpace(s)))
	n = licenseWords.ReplaceAllString(n, " ")
	n = versionV.ReplaceAllString(n, "$1$3 $2$4")
	n = strings.Trim(separators.ReplaceAllString(n, "-"), "-")
	orLater := strings.HasSuffix(n, "+")
	n = strings.TrimSuffix(n, "+")
	tries := []string{n, bareVersion.ReplaceAllString(n, "-$1.0"), n + "-1.0", strings.ReplaceAll(n, "-", "")}
	for _, t := range tries {
		if t == "" {
			continue
		}
		only, _ := activeID(t + "-only")
		later, _ := activeID(t + "-or-later")
		switch {
		case orLater && later != "":
			return []string{later}
		case only != "" && later != "":
			return []string{only, later}
		}
		if id, ok := activeID(t); ok {
			return []string{id}
		}
	}
	if n == "" {
		return nil
	}
	best, bestDist := "", 0
	for _, id := range spdxlicenses.GetLicenses() {
		if d := distance(n, strings.ToLower(id)); best == "" || d < bestDist {
			best, bestDist = id, d
		}
	}
	if bestDist > len(n)/4 {
		return nil
	}
	return []string{best}
}

func activeID(s string) (string, bool) {
	ok, id := spdxlicenses.IsActiveLicense(s)
	if !ok {
		return "", false
	}
	return id, true
}
