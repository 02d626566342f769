package awsrules

import (
	"slices"
	"strconv"
	"strings"

	"github.com/multiregion-iac/multiregion/internal/validate"
)

// LogRetentionDays are the retention periods CloudWatch Logs accepts for a
// log group (PutRetentionPolicy's retentionInDays).
var LogRetentionDays = []int{1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653}

// ValidLogRetention reports whether CloudWatch Logs accepts days as a
// retention period.
func ValidLogRetention(days int) bool { return slices.Contains(LogRetentionDays, days) }

// LogRetention records a problem under field unless days is a retention
// CloudWatch Logs accepts or 0 (never expire, as CloudWatch Logs shows a
// group without a retention policy).
func LogRetention(p *validate.Problems, field string, days int) bool {
	if days == 0 || ValidLogRetention(days) {
		return true
	}
	parts := make([]string, len(LogRetentionDays))
	for i, v := range LogRetentionDays {
		parts[i] = strconv.Itoa(v)
	}
	p.Addf(field, "%d is not a retention CloudWatch Logs accepts (%s, or 0 to never expire)", days, strings.Join(parts, ", "))
	return false
}
