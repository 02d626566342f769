package awsrules

import (
	"regexp"

	"github.com/multiregion-iac/multiregion/internal/validate"
)

var accountID = regexp.MustCompile(`^[0-9]{12}$`)

// AccountID reports field unless id is a 12-digit AWS account ID.
func AccountID(p *validate.Problems, field, id string) bool {
	if accountID.MatchString(id) {
		return true
	}
	p.Addf(field, "%q is not a 12-digit AWS account ID", id)
	return false
}
