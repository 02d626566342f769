package replicatedpostgres

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// The Check* functions hold the AWS rules this construct enforces. They are
// exported so a config loader can report the same rule under its own field
// names; each returns "" when the value is acceptable, otherwise a message
// saying what to do.

var (
	usernameRe      = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{0,15}$`)
	dbNameRe        = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]{0,62}$`)
	instanceClassRe = regexp.MustCompile(`^db\.[a-z][a-z0-9-]*\.[a-z0-9]+$`)
	nameRe          = regexp.MustCompile(`^[a-z](-?[a-z0-9])*$`)
	backupWindowRe  = regexp.MustCompile(`^([01][0-9]|2[0-3]):[0-5][0-9]-([01][0-9]|2[0-3]):[0-5][0-9]$`)
	maintWindowRe   = regexp.MustCompile(`^(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]-(mon|tue|wed|thu|fri|sat|sun):([01][0-9]|2[0-3]):[0-5][0-9]$`)
)

// reservedUsernames are refused by RDS for PostgreSQL as master user names.
var reservedUsernames = []string{"admin", "rdsadmin"}

// MonitoringIntervals are the enhanced monitoring intervals RDS accepts
// (0, which turns monitoring off, is not offered: it is always on here).
var MonitoringIntervals = []int{1, 5, 10, 15, 30, 60}

// EngineMajorVersions are the PostgreSQL major versions this construct allows.
var EngineMajorVersions = []int{16, 17}

// LogTypes are the PostgreSQL log types RDS can export.
var LogTypes = []string{"postgresql", "upgrade", "iam-db-auth-error"}

// CheckMasterUsername applies RDS for PostgreSQL's master user name rules.
func CheckMasterUsername(u string) string {
	if slices.Contains(reservedUsernames, strings.ToLower(u)) {
		return fmt.Sprintf("%q is reserved by RDS for PostgreSQL; choose another name", u)
	}
	if !usernameRe.MatchString(u) {
		return fmt.Sprintf("%q must be 1-16 letters, digits or underscores, starting with a letter", u)
	}
	return ""
}

// CheckDatabaseName applies PostgreSQL's identifier rules as RDS enforces them.
func CheckDatabaseName(n string) string {
	if !dbNameRe.MatchString(n) {
		return fmt.Sprintf("%q must be 1-63 letters, digits or underscores, starting with a letter", n)
	}
	return ""
}

// CheckInstanceClass checks the shape "db.<family>.<size>".
func CheckInstanceClass(c string) string {
	if !instanceClassRe.MatchString(c) {
		return fmt.Sprintf("%q is not an RDS instance class (db.<family>.<size>, for example db.r6g.large)", c)
	}
	return ""
}

// CheckEngineMajorVersion allows the supported majors only.
func CheckEngineMajorVersion(v int) string {
	if !slices.Contains(EngineMajorVersions, v) {
		return fmt.Sprintf("must be 16 or 17, got %d", v)
	}
	return ""
}

// CheckStorage checks gp3 bounds and the autoscaling ceiling (0: no
// autoscaling); either message is returned with the field it concerns
// ("allocated" or "max").
func CheckStorage(allocated, maxAllocated int) (field, msg string) {
	if allocated < minStorage || allocated > maxStorage {
		return "allocated", fmt.Sprintf("must be %d-%d GiB for gp3, got %d", minStorage, maxStorage, allocated)
	}
	if maxAllocated != 0 && (maxAllocated < allocated || maxAllocated > maxStorage) {
		return "max", fmt.Sprintf("must be between the allocated storage (%d) and %d GiB, got %d", allocated, maxStorage, maxAllocated)
	}
	return "", ""
}

// CheckBackupRetention checks 1-35 days: 0 would turn backups off, and a
// replica's source needs them.
func CheckBackupRetention(days int) string {
	if days < 1 || days > 35 {
		return fmt.Sprintf("must be 1-35 days (a replica's source needs backups), got %d", days)
	}
	return ""
}

// CheckMonitoringInterval checks the enhanced monitoring interval.
func CheckMonitoringInterval(s int) string {
	if !slices.Contains(MonitoringIntervals, s) {
		return fmt.Sprintf("must be 1, 5, 10, 15, 30 or 60 seconds, got %d", s)
	}
	return ""
}

// CheckBackupWindow checks "hh:mm-hh:mm" (UTC).
func CheckBackupWindow(w string) string {
	if !backupWindowRe.MatchString(w) {
		return fmt.Sprintf("%q must look like 03:00-04:00 (UTC)", w)
	}
	return ""
}

// CheckMaintenanceWindow checks "ddd:hh:mm-ddd:hh:mm" (UTC, lowercase days).
func CheckMaintenanceWindow(w string) string {
	if !maintWindowRe.MatchString(w) {
		return fmt.Sprintf("%q must look like sun:04:30-sun:05:30 (UTC)", w)
	}
	return ""
}

// CheckLogExports checks each log type once.
func CheckLogExports(logs []string) string {
	seen := map[string]bool{}
	for _, l := range logs {
		if !slices.Contains(LogTypes, l) {
			return fmt.Sprintf("%q is not a PostgreSQL log type (%s)", l, strings.Join(LogTypes, ", "))
		}
		if seen[l] {
			return fmt.Sprintf("%q is listed twice", l)
		}
		seen[l] = true
	}
	return ""
}
