package auroraglobal

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/multiregion-iac/multiregion/constructs/replicatedpostgres"
)

// The Check* functions hold the Aurora rules this construct enforces,
// exported so a config loader can report them under its own field names.
// Each returns "" when the value is acceptable, else what to do.

var (
	engineVersionRe = regexp.MustCompile(`^([0-9]+)\.([0-9]+)$`)
	auroraClassRe   = regexp.MustCompile(`^db\.([a-z0-9]+)\.([a-z0-9]+)$`)
	identifierRe    = regexp.MustCompile(`^[a-z](-?[a-z0-9])*$`)
)

// GlobalMinorVersions is the first minor version of each Aurora PostgreSQL
// major that supports global databases (AWS: "Supported Regions and DB
// engines for Aurora global databases"), for the majors still in standard
// support.
var GlobalMinorVersions = map[int]int{14: 3, 15: 2, 16: 1, 17: 4}

// GlobalInstanceFamilies are the instance families Aurora PostgreSQL
// global databases run on: the memory-optimized classes (burstable db.t
// classes are for development and are not supported in a global database;
// Aurora has no db.m or db.c classes for PostgreSQL).
var GlobalInstanceFamilies = []string{"r5", "r6g", "r6i", "r7g", "r7i", "r8g", "x2g"}

// CheckEngineVersion accepts "<major>.<minor>" of a version with global
// database support.
func CheckEngineVersion(v string) string {
	m := engineVersionRe.FindStringSubmatch(v)
	if m == nil {
		return fmt.Sprintf("%q must be an Aurora PostgreSQL version \"<major>.<minor>\", for example %q", v, DefaultEngineVersion)
	}
	major, _ := strconv.Atoi(m[1])
	minor, _ := strconv.Atoi(m[2])
	first, ok := GlobalMinorVersions[major]
	if !ok {
		return fmt.Sprintf("%q: Aurora PostgreSQL %d has no global database support in standard support; use 14.3+, 15.2+, 16.1+ or 17.4+", v, major)
	}
	if minor < first {
		return fmt.Sprintf("%q: Aurora PostgreSQL global databases need %d.%d or later", v, major, first)
	}
	return ""
}

// CheckInstanceClass accepts a class of GlobalInstanceFamilies.
func CheckInstanceClass(c string) string {
	m := auroraClassRe.FindStringSubmatch(c)
	switch {
	case c == "db.serverless":
		return fmt.Sprintf("%q (Serverless v2) needs a capacity range this construct does not set; use a provisioned class such as %q", c, DefaultInstanceClass)
	case m == nil:
		return fmt.Sprintf("%q is not an RDS instance class (db.<family>.<size>, for example %s)", c, DefaultInstanceClass)
	case strings.HasPrefix(m[1], "t"):
		return fmt.Sprintf("%q is a burstable class: Aurora global databases do not support db.t classes; use a memory-optimized one such as %s", c, DefaultInstanceClass)
	case !slices.Contains(GlobalInstanceFamilies, m[1]):
		return fmt.Sprintf("%q: Aurora PostgreSQL global databases run on the db.%s families", c, strings.Join(GlobalInstanceFamilies, ", db."))
	}
	return ""
}

// CheckIdentifier checks a cluster or global cluster identifier of at most
// max characters.
func CheckIdentifier(id string, max int) string {
	if len(id) > max || !identifierRe.MatchString(id) {
		return fmt.Sprintf("%q must be 1-%d lowercase letters, digits and single hyphens, starting with a letter", id, max)
	}
	return ""
}

// majorVersion is v's major version, 0 when v is malformed.
func majorVersion(v string) int {
	m := engineVersionRe.FindStringSubmatch(v)
	if m == nil {
		return 0
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

// classMemoryGiB is the class's memory, 0 when unknown (db.x2g).
func classMemoryGiB(class string) int { return replicatedpostgres.ClassMemoryGiB(class) }
